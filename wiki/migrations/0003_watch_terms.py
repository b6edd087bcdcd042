"""Watches of any taxonomy term, not only of categories: the existing category watches are kept."""

from django.db import migrations, models


def categories_are_terms(apps, schema_editor):
    Watch = apps.get_model("wiki", "Watch")
    Watch.objects.filter(page__isnull=True).exclude(term="").update(term_kind="category")


def terms_are_categories(apps, schema_editor):
    # back to category watches only: watches of other kinds of terms cannot be kept
    Watch = apps.get_model("wiki", "Watch")
    Watch.objects.filter(page__isnull=True).exclude(term_kind="category").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wiki", "0002_watch"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="watch", name="one_watch_per_category"),
        migrations.RemoveConstraint(model_name="watch", name="watch_page_or_category"),
        migrations.RenameField(model_name="watch", old_name="category", new_name="term"),
        migrations.AlterField(
            model_name="watch",
            name="term",
            field=models.CharField(blank=True, max_length=120, verbose_name="term"),
        ),
        migrations.AddField(
            model_name="watch",
            name="term_kind",
            field=models.CharField(blank=True, max_length=40, verbose_name="kind of term"),
        ),
        migrations.RunPython(categories_are_terms, terms_are_categories),
        migrations.AddConstraint(
            model_name="watch",
            constraint=models.UniqueConstraint(
                condition=models.Q(("page__isnull", True)),
                fields=("user", "term_kind", "term", "language"),
                name="one_watch_per_term",
            ),
        ),
        migrations.AddConstraint(
            model_name="watch",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("page__isnull", False), ("term", ""), ("term_kind", "")),
                    models.Q(
                        ("page__isnull", True),
                        models.Q(("term", ""), _negated=True),
                        models.Q(("term_kind", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="watch_page_or_term",
            ),
        ),
    ]
