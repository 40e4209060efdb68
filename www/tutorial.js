// The example tutorial: buttons in the text drive the embedded playground and show what happened.
import './backprop-playground.js';

const playground = document.getElementById('tutorial-playground');
const readout = document.getElementById('tutorial-readout');
const show = (s) => {
  readout.textContent = s.diverged
    ? `Diverged: the loss is no longer a finite number (step ${s.step}).`
    : `Step ${s.step}, epoch ${s.epoch}: training loss ${s.trainLoss?.toFixed(4) ?? '–'}, test loss ${s.testLoss?.toFixed(4) ?? '–'}.`;
};
// Each button starts from the same fresh weights, so that the three runs compare fairly.
const run = async (learningRate, steps) => {
  try {
    await playground.reset();
    await playground.setConfig({ learningRate });
    show(await playground.step(steps));
  } catch (e) {
    readout.textContent = e.message;
  }
};
document.getElementById('tiny').addEventListener('click', () => run(0.0001, 500));
document.getElementById('good').addEventListener('click', () => run(0.1, 500));
document.getElementById('huge').addEventListener('click', () => run(10, 500));
document.getElementById('again').addEventListener('click', async () => {
  await playground.reset();
  show(await playground.getState());
});
playground.addEventListener('backprop-playground:diverged', (e) => (readout.textContent = `Diverged at step ${e.detail.step}: the weights overshot.`));
