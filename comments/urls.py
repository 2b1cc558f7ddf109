from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("token/", views.token, name="token"),
    path("write/<int:article_id>/", views.write, name="write"),
    path("post/<int:article_id>/", views.post, name="post"),
    path("report/<int:comment_id>/", views.report, name="report"),
    path("like/<int:comment_id>/", views.like, name="like"),
]
