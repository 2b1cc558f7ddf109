from django import template

from dashboard import panels
from dashboard.charts import bar_chart

register = template.Library()


@register.inclusion_tag("dashboard/panels.html", takes_context=True)
def newsroom_dashboard(context):
    board = panels.for_user(context["request"].user)
    chart = (
        bar_chart(board.views_per_day, f"最近 {panels.CHART_DAYS} 天每日阅读数") if "reading" in board.sections else ""
    )
    return {"board": board, "chart": chart}


@register.inclusion_tag("dashboard/article_numbers.html")
def article_numbers(article):
    """Views per day and comment counts, for the article's change page."""
    return {
        "article": article,
        "chart": bar_chart(panels.views_per_day(article), f"《{article.title}》最近 {panels.CHART_DAYS} 天每日阅读数"),
        "days": panels.CHART_DAYS,
    }
