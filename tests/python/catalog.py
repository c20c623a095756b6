"""The public schema of a database as read from pg_catalog, and the differences between two.

A snapshot is a dict of sections, each a dict from a key (table, column, constraint or index
name) to a comparable value, so two databases compare section by section, independent of
pg_dump's text, OIDs and creation order. Column order is kept apart in its own section
("column_order"), for callers that report it without failing on it.
"""

from __future__ import annotations

import difflib
import re

import psycopg

SCHEMA = "public"

RELATIONS = """
SELECT c.relname, c.relkind::text
FROM pg_class AS c
WHERE c.relnamespace = %(schema)s::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
"""

COLUMNS = """
SELECT c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,
       pg_get_serial_sequence(c.oid::regclass::text, a.attname)
FROM pg_class AS c
JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef AS d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE c.relnamespace = %(schema)s::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
"""

CONSTRAINTS = """
SELECT c.relname, k.conname, k.contype::text,
       ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u (n, i)
             JOIN pg_attribute AS a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i),
       f.relname,
       ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u (n, i)
             JOIN pg_attribute AS a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i),
       k.condeferrable, k.condeferred, k.confupdtype::text, k.confdeltype::text, k.confmatchtype::text,
       pg_get_constraintdef(k.oid)
FROM pg_constraint AS k
JOIN pg_class AS c ON c.oid = k.conrelid
LEFT JOIN pg_class AS f ON f.oid = k.confrelid
WHERE c.relnamespace = %(schema)s::regnamespace
"""

INDEXES = """
SELECT c.relname, i.relname, pg_get_indexdef(i.oid)
FROM pg_index AS x
JOIN pg_class AS i ON i.oid = x.indexrelid
JOIN pg_class AS c ON c.oid = x.indrelid
WHERE c.relnamespace = %(schema)s::regnamespace
"""

VIEWS = """
SELECT c.relname, pg_get_viewdef(c.oid)
FROM pg_class AS c
WHERE c.relnamespace = %(schema)s::regnamespace AND c.relkind IN ('v', 'm')
"""

ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def _unqualify(text: str | None) -> str | None:
    """Drop the schema qualifier that pg_get_*def prints depending on search_path."""
    return None if text is None else re.sub(rf'\b"?{SCHEMA}"?\.', "", text)


def _normalise_check(text: str) -> str:
    return re.sub(r"\s+", " ", _unqualify(text)).strip()


def snapshot(dsn: str, schema: str = SCHEMA) -> dict:
    """Read the schema's tables, views, columns, constraints, indexes and django_migrations rows."""
    params = {"schema": schema}
    snap: dict = {s: {} for s in ("relations", "columns", "column_order", "constraints", "indexes", "views")}
    snap["django_migrations"] = []
    with psycopg.connect(dsn) as conn:
        for rel, kind in conn.execute(RELATIONS, params):
            snap["relations"][rel] = {"r": "table", "p": "table", "v": "view", "m": "materialized view"}[kind]
        for rel, col, num, typ, notnull, default, identity, generated, seq in conn.execute(COLUMNS, params):
            snap["columns"][f"{rel}.{col}"] = {
                "type": typ,
                "not null": notnull,
                "default": _unqualify(default) if not identity else None,
                "identity": {"": None, "a": "ALWAYS", "d": "BY DEFAULT"}[identity],
                "generated": generated or None,
                "identity sequence": _unqualify(seq) if identity else None,
            }
            snap["column_order"][f"{rel}.{col}"] = num
        for rel, name, kind, cols, ftable, fcols, deferrable, deferred, upd, dele, match, definition in conn.execute(
            CONSTRAINTS, params
        ):
            value: dict = {"table": rel, "columns": cols, "deferrable": deferrable, "deferred": deferred}
            if kind == "p":
                value["kind"] = "PRIMARY KEY"
            elif kind == "u":
                value["kind"] = "UNIQUE"
            elif kind == "f":
                value |= {
                    "kind": "FOREIGN KEY",
                    "references": f"{ftable}({', '.join(fcols)})",
                    "on update": ACTIONS[upd],
                    "on delete": ACTIONS[dele],
                    "match": match,
                }
            elif kind == "c":
                value |= {"kind": "CHECK", "definition": _normalise_check(definition)}
            else:
                value |= {"kind": kind, "definition": _normalise_check(definition)}
            snap["constraints"][f"{rel}: {name}"] = value
        for rel, name, definition in conn.execute(INDEXES, params):
            snap["indexes"][f"{rel}: {name}"] = _unqualify(definition)
        for view, definition in conn.execute(VIEWS, params):
            snap["views"][view] = _normalise_check(definition)
        if snap["relations"].get("django_migrations") == "table":
            rows = conn.execute(f'SELECT app, name FROM "{schema}".django_migrations ORDER BY id').fetchall()
            snap["django_migrations"] = [f"{app},{name}" for app, name in rows]
    return snap


def diff(expected: dict, actual: dict, sections=None) -> list[str]:
    """One readable line per difference: missing, unexpected or different entries per section."""
    lines = []
    for section in sections or [s for s in expected if s != "column_order"]:
        exp, act = expected.get(section, {}), actual.get(section, {})
        if isinstance(exp, list):  # ordered rows: a unified diff of the changed stretches
            changed = difflib.unified_diff(exp, act, "expected", "actual", n=1, lineterm="")
            lines += [f"{section}: {line}" for line in changed]
            continue
        for key in sorted(exp.keys() | act.keys()):
            if key not in act:
                lines.append(f"{section}: missing {key}: {exp[key]}")
            elif key not in exp:
                lines.append(f"{section}: unexpected {key}: {act[key]}")
            elif exp[key] != act[key]:
                if isinstance(exp[key], dict):
                    changed = {
                        k: (exp[key].get(k), act[key].get(k))
                        for k in exp[key].keys() | act[key].keys()
                        if exp[key].get(k) != act[key].get(k)
                    }
                    detail = "; ".join(f"{k}: expected {e!r}, got {a!r}" for k, (e, a) in sorted(changed.items()))
                else:
                    detail = f"expected {exp[key]!r}, got {act[key]!r}"
                lines.append(f"{section}: {key}: {detail}")
    return lines


def format_diff(lines: list[str], limit: int = 200) -> str:
    shown = lines[:limit]
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(shown) + more
