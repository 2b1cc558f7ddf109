from django.urls import path, re_path

from articles import share, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("article/<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
    path("article/<int:pk>/qr.svg", share.qr_code, name="qr"),
    path("tupian/", views.PhotoStoriesView.as_view(), name="photos"),
    path("column/<slug:slug>/", views.ColumnView.as_view(), name="column"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<int:pk>/", views.AuthorView.as_view(), name="author"),
    path("source/<int:pk>/", views.SourceView.as_view(), name="source"),
    # Region channels live at their pinyin path: /sichuan/ziyang/lezhi/
    re_path(r"^(?P<path>[a-z0-9-]+(?:/[a-z0-9-]+){0,2})/$", views.RegionView.as_view(), name="region"),
]
