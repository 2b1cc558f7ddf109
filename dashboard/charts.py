"""Small charts drawn on the server as SVG: no script, no network, fine under the admin's CSP."""

from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT, LABEL_HEIGHT = 560, 140, 18


def bar_chart(points, title):
    """An SVG bar chart of ``points`` ([(label, value)]), its own numbers written on it.

    ``title`` names it for screen readers. Scales to its container's width.
    """
    peak = max((value for _, value in points), default=0) or 1
    slot = WIDTH / max(len(points), 1)
    plot = HEIGHT - LABEL_HEIGHT * 2
    bars = []
    for index, (label, value) in enumerate(points):
        height = round(plot * value / peak, 1)
        x = round(index * slot + slot * 0.15, 1)
        top = LABEL_HEIGHT + plot - height
        bars.append(
            (x, top, round(slot * 0.7, 1), height, round(x + slot * 0.35, 1), top - 4, value, HEIGHT - 4, label)
        )
    return format_html(
        '<svg class="bar-chart" viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        title,
        format_html_join(
            "",
            '<rect x="{0}" y="{1}" width="{2}" height="{3}"></rect>'
            '<text x="{4}" y="{5}" class="value">{6}</text><text x="{4}" y="{7}" class="label">{8}</text>',
            bars,
        ),
    )
