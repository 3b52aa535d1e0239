from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "netkort.web"
    label = "netkort_web"
