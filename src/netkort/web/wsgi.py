import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netkort.web.settings")
application = get_wsgi_application()

# The same as `netkort serve` does: keep start-up objects out of garbage collection.
from netkort.cli import freeze_startup_objects  # noqa: E402

freeze_startup_objects()
