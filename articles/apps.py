from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        from articles import signals, warmup  # noqa: F401  (signals: receivers connect)

        # Web servers and task workers load the annotation pipeline when they start, in a
        # background thread: `/healthz` says "starting" until it is ready (articles.warmup).
        if warmup.should_warm_up():
            warmup.start_in_background()
