"""Bureaucratic phrases with a plainer way to say them.

From Mexican and Spanish plain-language guides (Lenguaje Ciudadano, Guía de
lenguaje claro): each pair is a phrase officials write and what a reader
would understand at once. Matched without case; accents as written.
"""

PLAINER = [
    ("coadyuvar", "ayudar, colaborar"),
    ("en virtud de", "porque, por"),
    ("derivado de", "por, a causa de"),
    ("con fundamento en", "según"),
    ("a efecto de", "para"),
    ("con la finalidad de", "para"),
    ("con el objeto de", "para"),
    ("con el propósito de", "para"),
    ("a fin de", "para"),
    ("en el marco de", "en, dentro de"),
    ("llevar a cabo", "hacer"),
    ("se llevó a cabo", "se hizo"),
    ("se llevaron a cabo", "se hicieron"),
    ("dar cumplimiento", "cumplir"),
    ("dar inicio", "empezar"),
    ("dio inicio", "empezó"),
    ("en lo que respecta a", "sobre"),
    ("en relación con", "sobre"),
    ("por medio del cual", "con el que"),
    ("por medio de la cual", "con la que"),
    ("implementar", "poner en marcha, aplicar"),
    ("implementación", "puesta en marcha"),
    ("aperturar", "abrir"),
    ("eficientar", "mejorar"),
    ("socializar", "dar a conocer, explicar"),
    ("mismo que", "que"),
    ("misma que", "que"),
    ("mismos que", "que"),
    ("mismas que", "que"),
    ("toda vez que", "porque, ya que"),
    ("no obstante", "pero, aun así"),
    ("en tanto que", "mientras"),
    ("susodicho", "ese, mencionado"),
    ("tener a bien", "(se puede quitar)"),
]
