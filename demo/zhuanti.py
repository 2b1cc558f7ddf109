"""The demo's 专题: 乐至's silk harvest, with a section of chosen stories and
one of the county's newest news. Made once; a second seed leaves it be."""

from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article
from demo.images import draw_jpeg
from topics.models import SectionArticle, Topic, TopicSection

SLUG = "lezhi-chunjiang"
LEZHI = "512022"


def ensure_topic(regions, stdout):
    lezhi = regions.get(LEZHI)
    if lezhi is None or Topic.objects.filter(slug=SLUG).exists():
        return
    county_news = Article.objects.published().in_region(lezhi).newest_first()
    chosen = list(county_news.filter(cover_image__gt="")[:4]) or list(county_news[:4])
    topic = Topic(
        title="春到乐至：乡村振兴进行时",
        slug=SLUG,
        introduction="从桑园到稻田，从集镇到村社，记者走进乐至县的田间地头，记录乡村振兴中的新变化、新面孔。",
        region=lezhi,
        is_published=True,
        published_at=timezone.now(),
    )
    topic.banner.save(
        "banner.jpg", ContentFile(draw_jpeg("fields", 512022, "LEZHI SPRING  NEWSPORTAL DEMO")), save=False
    )
    topic.save()
    picked = TopicSection.objects.create(topic=topic, heading="记者走基层", sort_order=1)
    for n, article in enumerate(chosen):
        SectionArticle.objects.create(section=picked, article=article, sort_order=n)
    TopicSection.objects.create(topic=topic, heading="乐至最新", sort_order=2, region=lezhi, newest_count=6)
    stdout.write(f"新建专题《{topic.title}》，选定文章 {len(chosen)} 篇。")
