"""The bundled site: where the wheel installed it, and a localhost server for front ends that
have no Jupyter server to serve it (VS Code, marimo)."""

import functools
import http.server
import sys
import sysconfig
import threading
from pathlib import Path

NAME = "backprop-playground"
_server_url = None


def site_dir():
    """The wheel's data files go to <prefix>/share/jupyter/labextensions/<name>/static."""
    prefixes = [sys.prefix, sysconfig.get_config_var("userbase") or "", str(Path.home() / ".local")]
    for prefix in prefixes:
        candidate = Path(prefix) / "share" / "jupyter" / "labextensions" / NAME / "static"
        if (candidate / "index.html").is_file():
            return candidate
    raise FileNotFoundError(
        f"the bundled playground is not installed (looked in {', '.join(p for p in prefixes if p)});"
        " install the wheel that `make dist` builds, or give Playground(src=...) a hosted copy"
    )


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".mjs": "text/javascript"}

    def log_message(self, *args):  # keep the kernel's output clean
        pass


def serve_site():
    """Serves the site on 127.0.0.1 (a free port, once per kernel) and returns its index.html URL."""
    global _server_url
    if _server_url is None:
        handler = functools.partial(_Handler, directory=str(site_dir()))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _server_url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    return _server_url
