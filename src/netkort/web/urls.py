from django.urls import URLPattern, URLResolver, include, path

from netkort.web.views import auth, home, people

workspace_urls: list[URLPattern | URLResolver] = [
    path("", home.overview, name="home"),
    path("people/", people.people_list, name="people"),
    path("people/new/", people.person_add, name="person-add"),
    path("people/<int:pk>/", people.person_detail, name="person"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
]

netkort_urls: list[URLPattern | URLResolver] = [
    path("", home.start, name="start"),
    path("login/<str:token>/", auth.login_with_token, name="login-link"),
    path("signed-out/", auth.signed_out, name="signed-out"),
    path("logout/", auth.logout_view, name="logout"),
    path("w/<uuid:ws>/", include(workspace_urls)),
]

urlpatterns = [
    path("", include((netkort_urls, "netkort"))),
    path("i18n/", include("django.conf.urls.i18n")),
]
