from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("profile/", views.profile, name="profile"),
    path("password/", views.password, name="password"),
    path("comments/", views.my_comments, name="comments"),
    path("bookmarks/", views.bookmarks, name="bookmarks"),
    path("bookmarks/<int:article_id>/", views.bookmark, name="bookmark"),
    path("history/", views.history, name="history"),
]
