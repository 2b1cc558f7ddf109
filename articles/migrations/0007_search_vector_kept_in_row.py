"""Keep each article's search vector in its table row.

A row with its body, search words and vector passes PostgreSQL's 2 kB TOAST
threshold, and the vector, the largest column, was moved out of line first.
Search reads the vector of every article it walks, so each one cost a TOAST
index lookup and a decompression: walking the newest 43,000 articles for
"安岳 油菜花" took 130-230 ms. With STORAGE MAIN the body and search words
leave the row instead and the vector stays in it: the same walk takes 43 ms.

Rows are laid out this way when written; a portal migrating an existing
archive rewrites the vectors once (see the README, "搜索").
"""

from django.db import migrations


def set_vector_storage(storage):
    def run(apps, schema_editor):
        schema_editor.execute(f"ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE {storage}")

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_listing_order_indexes")]

    operations = [migrations.RunPython(set_vector_storage("MAIN"), set_vector_storage("EXTENDED"))]
