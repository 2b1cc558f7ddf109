from django.conf import settings


def site(request):
    """The operator's branding, available to every template."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SITE_FOOTER": settings.SITE_FOOTER,
        "SITE_ICP_BEIAN": settings.SITE_ICP_BEIAN,
        "SITE_PSB_BEIAN": settings.SITE_PSB_BEIAN,
        # The registry's page of a filing is found by its digits (川公网安备51200002000000号).
        "SITE_PSB_BEIAN_CODE": "".join(filter(str.isdigit, settings.SITE_PSB_BEIAN)),
        "SITE_NEWS_LICENCE": settings.SITE_NEWS_LICENCE,
    }
