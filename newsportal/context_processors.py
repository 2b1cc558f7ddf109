from django.conf import settings


def site(request):
    """The operator's branding, available to every template."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SITE_FOOTER": settings.SITE_FOOTER,
    }
