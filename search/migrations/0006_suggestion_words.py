"""Folded title words for the suggestions while typing (search/suggestions.py).

Filled here from the records already indexed, so suggestions work at once,
without waiting for rebuild_search_index.
"""

import re
import unicodedata

import django.db.models.deletion
from django.db import migrations, models

# A copy of search/suggestions.py's title_words as it was when this was
# written: a migration must not change when the module does.
WORD_RE = re.compile(r"[0-9a-z]+")
STOP_WORDS = frozenset("a al con de del e el en la las los o para por que se su sus u un una y".split())


def title_words(title):
    decomposed = unicodedata.normalize("NFKD", (title or "").casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return list(dict.fromkeys(w[:40] for w in WORD_RE.findall(folded) if w not in STOP_WORDS))


def fill(apps, schema_editor):
    SearchRecord = apps.get_model("archive_search", "SearchRecord")
    SuggestionWord = apps.get_model("archive_search", "SuggestionWord")
    batch = []
    for page_id, title in SearchRecord.objects.values_list("page_id", "title").iterator(chunk_size=2000):
        batch += [SuggestionWord(record_id=page_id, word=word) for word in title_words(title)]
        if len(batch) >= 5000:
            SuggestionWord.objects.bulk_create(batch)
            batch = []
    SuggestionWord.objects.bulk_create(batch)


class Migration(migrations.Migration):

    dependencies = [
        ('archive_search', '0005_drop_database_fulltext'),
    ]

    operations = [
        migrations.CreateModel(
            name='SuggestionWord',
            fields=[
                ('pk', models.CompositePrimaryKey('record', 'word', blank=True, editable=False, primary_key=True, serialize=False)),
                ('word', models.CharField(max_length=40)),
                ('record', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='suggestion_words', to='archive_search.searchrecord')),
            ],
            options={
                'indexes': [models.Index(fields=['word', 'record'], name='suggestion_word_prefix')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
