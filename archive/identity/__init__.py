"""What makes this archive one institution's and not another's, as a site setting.

The site is meant to be reused by any open-government team: the archive's
name, the prefix of its reference codes, its OAI-PMH repository identifier
and contact are edited in the admin («Configuración» › «Identidad del
archivo») instead of being constants in the code.
"""
