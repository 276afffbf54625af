from django.db.models.lookups import Contains


class ContainsByCharacters(Contains):
    """``contains`` (LIKE '%王%') that PostgreSQL answers from the GIN index on a text's characters,
    string_to_array(text, NULL) (members_member_name_chars, migration 0014). A search of one or two Chinese
    characters, a surname above all, holds no trigram, so the trigram index cannot serve it and PostgreSQL read every
    row; worse, walking the pinyin index for the page's first 25 it crossed every name sorted before the surname's.
    The index narrows the rows to those holding each searched character; the LIKE beside it keeps the meaning exact
    (the characters in that order, side by side). Elsewhere it is plain ``contains``."""

    def as_postgresql(self, compiler, connection):
        like_sql, like_params = self.as_sql(compiler, connection)
        if not self.is_simple_lookup:
            return like_sql, like_params
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        characters = sorted(set(self.rhs))
        return (
            f"(string_to_array({lhs_sql}, NULL) @> %s::text[] AND {like_sql})",
            (*lhs_params, characters, *like_params),
        )
