"""Load the demo site and make sure an admin login exists."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from blog.demo import DEMO_HOST, DEMO_PORT, load_demo


class Command(BaseCommand):
    help = "Create the demo site (authors, articles, reviews). Running it again duplicates nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=DEMO_HOST,
            help="Host name the demo is served on; the site's links use it (default %(default)s).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=DEMO_PORT,
            help="Port the demo is served on; the site's links use it (default %(default)s).",
        )
        parser.add_argument("--admin-username", default="admin", help="Username of the demo admin.")
        parser.add_argument(
            "--admin-password",
            default="skincare-demo",
            help="Password given to the demo admin when it is created (local demo use only).",
        )
        parser.add_argument("--no-admin", action="store_true", help="Do not create an admin user.")

    def handle(self, *args, **options):
        report = load_demo(options["host"], options["port"])
        admin_url = f"{report.site.root_url}/admin/"
        self.stdout.write(
            f"Demo content: {len(report.created)} created, {len(report.existing)} already there."
        )
        for label in report.created:
            self.stdout.write(f"  + {label}")
        if options["no_admin"]:
            return
        user_model = get_user_model()
        username = options["admin_username"]
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True, "email": ""}
        )
        if created:
            user.set_password(options["admin_password"])
            user.save()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin login: {admin_url}  user {username}  password {options['admin_password']}"
                )
            )
        else:
            self.stdout.write(
                f"Admin login: {admin_url}  user {username} (existing account; password unchanged)"
            )
