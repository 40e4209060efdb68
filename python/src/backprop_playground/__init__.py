"""Backprop Playground in a notebook: an anywidget of the bundled playground, driven from Python.

    from backprop_playground import Playground
    w = Playground(preset="deadRelu")
    w                      # shows it
    w.learning_rate = 0.03
    w.step(200)            # runs in the page; the traits follow when it is done
    w.losses[-1]           # {'step': 200, 'epoch': ..., 'train': ..., 'test': ...}
"""

from pathlib import Path

import anywidget
import traitlets

from ._site import serve_site

__all__ = ["Playground"]


class Playground(anywidget.AnyWidget):
    """The playground in an iframe. The page trains; Python reads and steers it through traits.

    Traits the page keeps current: ``config`` (every setting), ``learning_rate``, ``step_count``,
    ``epoch``, ``losses`` (this run's history of ``{step, epoch, train, test}``, at most 10 entries
    a second while it plays, thinned past 500), ``weights`` (per layer, ``[out][in]``), ``biases``,
    ``diverged``, ``ready`` and ``error`` (the last failed command). Setting ``learning_rate`` or
    ``config`` (only the settings given change) reconfigures the page; ``speed`` (``"paced"`` or
    ``"fast"``) sets how fast ``play()`` trains.

    Commands run in the page after the cell that sends them; the traits follow when they finish.
    """

    _esm = Path(__file__).parent / "widget.js"

    preset = traitlets.Unicode("").tag(sync=True)
    link = traitlets.Dict(help="more link parameters, e.g. {'controls': 'play,step'}").tag(sync=True)
    src = traitlets.Unicode("", help="the playground's index.html, if not the bundled one").tag(sync=True)
    local_server = traitlets.Bool(False, help="serve the bundled site from the kernel on localhost even"
                                  " where Jupyter could (as VS Code and marimo always do)").tag(sync=True)
    config = traitlets.Dict().tag(sync=True)
    learning_rate = traitlets.Float(None, allow_none=True).tag(sync=True)
    speed = traitlets.Enum(["paced", "fast"], default_value="paced",
                           help="paced: at most one epoch per frame while playing; fast: as many as fit"
                           " in each frame's time").tag(sync=True)
    step_count = traitlets.Int(0).tag(sync=True)
    epoch = traitlets.Int(0).tag(sync=True)
    losses = traitlets.List().tag(sync=True)
    weights = traitlets.List().tag(sync=True)
    biases = traitlets.List().tag(sync=True)
    diverged = traitlets.Bool(False).tag(sync=True)
    ready = traitlets.Bool(False).tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)
    _local_url = traitlets.Unicode("").tag(sync=True)

    def __init__(self, preset="", **kwargs):
        super().__init__(preset=preset, **kwargs)
        self.on_msg(self._front_end_message)

    def step(self, count=1):
        """Trains ``count`` steps (1 to 100 000) in the page, paused."""
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 100_000:
            raise ValueError(f"count must be a whole number from 1 to 100000, not {count!r}")
        self.send({"method": "step", "count": count})

    def play(self):
        self.send({"method": "play"})

    def pause(self):
        self.send({"method": "pause"})

    def reset(self):
        """New weights from the seed, step 0 (and a new loss history)."""
        self.send({"method": "reset"})

    def refresh(self):
        """Reads the page's state back now (it is read after every command anyway)."""
        self.send({"method": "refresh"})

    def _front_end_message(self, _widget, content, _buffers):
        # A front end without a Jupyter server (VS Code, marimo) asks the kernel to serve the site.
        if isinstance(content, dict) and content.get("method") == "serve":
            try:
                self._local_url = serve_site()
            except FileNotFoundError as e:
                self.error = str(e)
