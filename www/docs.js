// The guide's live iframe sizes itself to its content: the very lines the guide shows authors.
const subscribe = (win) => win.postMessage({ type: 'backprop-playground', id: 1, method: 'subscribe', args: { events: ['resize'] } }, '*');
for (const frame of document.querySelectorAll('iframe')) subscribe(frame.contentWindow); // ready before this ran
window.addEventListener('message', (e) => {
  const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
  if (!frame || e.data?.type !== 'backprop-playground') return;
  if (e.data.event === 'ready') subscribe(e.source);
  if (e.data.event === 'resize') frame.style.height = `${e.data.data.height}px`;
});
