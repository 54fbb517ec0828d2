"""Content: the therapy articles, routines, screening rules and sources shipped in
``content/`` and the user's own overlay.

It owns reading those files as data (YAML that remembers its lines), validating
them with ``file:line`` problems, and finding articles in the library. Import
the module you need (``companion.core.content.library``, ``.parse``…): this
package re-exports nothing, so importing one part never loads the rest.
"""
