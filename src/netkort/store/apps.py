from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "netkort.store"
    label = "netkort"
    verbose_name = "netkort"
    default_auto_field = "django.db.models.BigAutoField"
