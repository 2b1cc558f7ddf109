from django.urls import path

from ads import views

app_name = "ads"

urlpatterns = [
    path("<int:pk>/go/", views.go, name="go"),
    path("<int:pk>/seen/", views.seen, name="seen"),
]
