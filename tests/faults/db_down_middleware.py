"""A stand-in for any middleware that reads the database before the view runs
(a session store, a login throttle): used to prove handler500 answers 503 too."""

from django.contrib.auth import get_user_model


class ReadsDatabaseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        get_user_model().objects.exists()
        return self.get_response(request)
