// Module scripts run (the page came from a web server, not from disk): the notice that says the page
// needs one goes (see .needs-server in style.css). A module of its own, so that it runs before the
// page's code and its wasm have loaded.
document.documentElement.dataset.scripts = 'run';
