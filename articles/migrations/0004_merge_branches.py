# Joins the migrations of work done side by side; holds no operation of its own.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_i7_lexicon"),
        ("articles", "0003_i7_robust"),
        ("articles", "0003_i8_review"),
        ("articles", "0003_i11_perf"),
        ("articles", "0003_i12_polish"),
    ]

    operations = []
