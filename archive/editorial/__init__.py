"""Who may do what in the admin: the editorial groups and the review before publishing.

Everything lives in migrations (groups, permissions, the «Revisión editorial»
workflow) so a fresh database and the production one get the same roles.
"""
