"""SQL expressions that fold accents on PostgreSQL (``unaccent``) and SQLite (our ``ocop_fold``)."""

from django.db.models import FloatField, Func, TextField, Value


class Folded(Func):
    """``lower(unaccent(x))`` on PostgreSQL; the Python ``fold`` registered on SQLite connections."""

    function = "OCOP_FOLD"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="LOWER(UNACCENT(%(expressions)s))", **extra_context)

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor not in ("sqlite", "postgresql"):
            extra_context.setdefault("template", "LOWER(%(expressions)s)")
        return super().as_sql(compiler, connection, **extra_context)


class WordSimilarity(Func):
    """pg_trgm's ``word_similarity(term, text)``: how well ``term`` matches some part of ``text``."""

    function = "WORD_SIMILARITY"
    output_field = FloatField()

    def __init__(self, term: str, expression, **extra):
        super().__init__(Value(term), expression, **extra)
