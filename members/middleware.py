from django.conf import settings
from django.utils.cache import patch_cache_control

from members.session import forget_nickname


class PrivateReaderPagesMiddleware:
    """A page built for someone who may be logged in is theirs:
    ``Cache-Control: private`` keeps proxies and CDNs from sharing it. Decided
    by the session cookie alone, so an article page does not load the session
    and the account just to say so. A nickname cookie left without any
    session cookie (expired, logged out elsewhere) is cleared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, private=True)
        elif settings.READER_COOKIE_NAME in request.COOKIES and settings.READER_COOKIE_NAME not in response.cookies:
            forget_nickname(response)
        return response
