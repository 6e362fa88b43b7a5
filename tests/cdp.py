"""A headless Chromium driven over the DevTools protocol, for the browser tests.

One browser per test session (`Browser.start`), one tab; `open(url)` loads a
page and returns what the console said, `evaluate(js)` runs an expression and
returns its value, `screenshot(path)` writes a PNG. Console errors are the
`console.error` calls, uncaught exceptions and the browser's own error log
entries (a script or stylesheet that failed to load); `requested_urls()` lists
what the page fetched.
"""
from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
STARTUP_SECONDS = 30
ERROR_EVENTS = ("Runtime.exceptionThrown", "Runtime.consoleAPICalled", "Log.entryAdded")


def find_chromium() -> str | None:
    """The path of a Chromium-like browser on PATH, if any."""
    return next((path for path in map(shutil.which, CANDIDATES) if path), None)


def console_error(event: dict) -> str | None:
    """The text of an event that reports an error on the page, else None."""
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        return details.get("exception", {}).get("description") or details.get("text", "exception")
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        return " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
    if method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
        entry = params["entry"]
        return f"{entry.get('text')} {entry.get('url', '')}".strip()
    return None


@dataclass
class Browser:
    """A running headless Chromium and a websocket to its tab."""

    process: subprocess.Popen
    socket: object
    events: list = field(default_factory=list)
    _next_id: int = 0

    @classmethod
    def start(cls, executable: str, profile: Path, width: int = 1280, height: int = 900) -> "Browser":
        import websocket

        process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--mute-audio",
             "--disable-extensions", "--hide-scrollbars", f"--window-size={width},{height}",
             "--remote-debugging-port=0", "--remote-allow-origins=*", f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port = _devtools_port(profile, process)
            socket = websocket.create_connection(_page_socket(port), timeout=STARTUP_SECONDS, suppress_origin=True,
                                                 http_no_proxy=["127.0.0.1", "localhost"])
        except BaseException:
            process.kill()
            process.wait()
            raise
        browser = cls(process, socket)
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable")
        return browser

    def send(self, method: str, **params) -> dict:
        """Send a command and wait for its answer; events that arrive meanwhile are kept."""
        self._next_id += 1
        self.socket.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def open(self, url: str, ready: str = "true", timeout: float = 20.0) -> list[str]:
        """Load `url`, wait for its load event and until `ready` (a JS expression) holds; the console errors."""
        self.events.clear()
        self.send("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load in {timeout} s")
            self.events.append(json.loads(self.socket.recv()))
        while not self.evaluate(ready):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: {ready} did not hold in {timeout} s")
            time.sleep(0.05)
        return [text for text in map(console_error, self.events) if text]

    def requested_urls(self) -> list[str]:
        """Every URL the page asked for since it was opened (the page itself, scripts, styles, images)."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def evaluate(self, expression: str):
        """The value of a JS expression in the page (JSON-serializable values)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        """A PNG of the viewport (or of the whole page) at `path`."""
        params = {"format": "png"}
        if full_page:
            size = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size[0], "height": size[1],
                                                            "scale": 1})
        data = self.send("Page.captureScreenshot", **params)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _devtools_port(profile: Path, process: subprocess.Popen) -> int:
    """The port Chromium chose, from the DevToolsActivePort file it writes into its profile."""
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with status {process.returncode} at start")
        if marker.is_file() and marker.read_text().strip():
            return int(marker.read_text().split()[0])
        time.sleep(0.05)
    raise TimeoutError(f"chromium did not open its DevTools port in {STARTUP_SECONDS} s")


def _page_socket(port: int) -> str:
    """The websocket address of the browser's first tab."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
        with opener.open(f"http://127.0.0.1:{port}/json/list", timeout=5) as answer:
            pages = [t for t in json.load(answer) if t.get("type") == "page"]
        if pages:
            return pages[0]["webSocketDebuggerUrl"]
        time.sleep(0.05)
    raise TimeoutError("chromium opened no tab")
