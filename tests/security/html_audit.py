"""Find executable forms in rendered HTML with the standard library's parser.

``executable_parts(html)`` lists what a browser could run: a <script> that is
neither one of our static files nor a JSON-LD data block, any ``on*``
attribute, a ``javascript:``/``vbscript:``/``data:text`` URL, and elements that
load foreign documents (iframe, object, embed, base, meta refresh). An empty
list means the page is inert. ``visible_text(html)`` is what a reader reads,
entities decoded, for "the payload is still readable" checks.
"""

import json
import re
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
FOREIGN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
# Browsers drop ASCII whitespace and control characters inside a scheme name.
_SCHEME_NOISE = re.compile(r"[\x00-\x20]+")
_DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application", "data:image/svg")


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.text = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self._check_element(tag, dict(attrs))

    def handle_startendtag(self, tag, attrs):
        self._check_element(tag, dict(attrs))

    def _check_element(self, tag, attrs):
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value and _dangerous_url(value):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FOREIGN_ELEMENTS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            self._script = {"attrs": attrs, "body": []}

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self._check_script(self._script["attrs"], "".join(self._script["body"]))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["body"].append(data)
        else:
            self.text.append(data)

    def _check_script(self, attrs, body):
        kind = (attrs.get("type") or "").lower()
        if kind == "application/ld+json":
            try:
                json.loads(body)
            except ValueError:
                self.problems.append("JSON-LD block broken open: " + body[:80])
            return
        src = attrs.get("src") or ""
        if src.startswith("/static/") and not body.strip():
            return
        self.problems.append(f"<script src={src!r}>{body[:60]}")


def _dangerous_url(value):
    folded = _SCHEME_NOISE.sub("", value).lower()
    return folded.startswith(_DANGEROUS_SCHEMES)


def executable_parts(html):
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.problems


def visible_text(html):
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return " ".join("".join(audit.text).split())
