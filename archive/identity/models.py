from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from archive.identifiers.models import DEFAULT_PREFIX, PREFIX_MAX_LENGTH, PREFIX_PATTERN

# Today's values: what the archive said before these became settings.
DEFAULT_NAME = "Archivo Abierto"
DEFAULT_SUBTITLE = "Gobierno Abierto de la Ciudad de México, 2020-2023"
# The oai-identifier scheme asks for a domain name the institution holds;
# the archive's bare name ("archivo-abierto"), used before, is not one.
DEFAULT_OAI_REPOSITORY_IDENTIFIER = "archivo-abierto.infocdmx.org.mx"
# The OAI-PMH scheme's own pattern (http://www.openarchives.org/OAI/2.0/guidelines-oai-identifier.htm).
OAI_REPOSITORY_IDENTIFIER_PATTERN = r"[a-zA-Z][a-zA-Z0-9-]*(?:\.[a-zA-Z][a-zA-Z0-9-]*)+"


def default_admin_email():
    # The environment variable that held the contact before it was a setting
    # still gives the first value of a new site's setting.
    return getattr(settings, "OAI_PMH_ADMIN_EMAIL", "") or "archivo-abierto@example.org"


validate_code_prefix = RegexValidator(
    rf"\A{PREFIX_PATTERN}\Z",
    "El prefijo solo puede tener letras mayúsculas sin acentos (A-Z), números y guiones; debe empezar con "
    "una letra, y los guiones van solo entre letras o números (ni al final ni dos seguidos). Ejemplo: AGA-CDMX.",
)
validate_oai_repository_identifier = RegexValidator(
    rf"\A{OAI_REPOSITORY_IDENTIFIER_PATTERN}\Z",
    "Escribe un nombre de dominio con al menos un punto, como archivo-abierto.infocdmx.org.mx: cada parte "
    "empieza con una letra y solo lleva letras sin acentos, números y guiones.",
)


@register_setting(icon="site")
class ArchiveIdentity(BaseSiteSetting):
    name = models.CharField(
        "nombre del archivo", max_length=100, default=DEFAULT_NAME,
        help_text="Cómo se llama el archivo en el título de cada página, en las citas (como archivo y editor), "
        "en los canales Atom, en el catálogo, en los datos para buscadores (JSON-LD) y como «repositoryName» "
        "de OAI-PMH.",
    )
    subtitle = models.CharField(
        "subtítulo", max_length=200, blank=True, default=DEFAULT_SUBTITLE,
        help_text="Qué memoria guarda el archivo. Con el nombre forma el título completo de la colección "
        "(«Nombre: subtítulo»), que citan los metadatos de cada documento y el aviso de un documento retirado.",
    )
    code_prefix = models.CharField(
        "prefijo de los códigos de referencia", max_length=PREFIX_MAX_LENGTH, default=DEFAULT_PREFIX,
        validators=[validate_code_prefix],
        help_text="Inicio de los códigos permanentes que recibe cada documento al publicarse por primera vez "
        "(AGA-CDMX-2022-MIN-003). Cambiarlo solo afecta a los códigos que se asignen después: los ya asignados "
        "no cambian y sus direcciones /id/ siguen funcionando. Letras mayúsculas sin acentos, números y guiones; "
        f"hasta {PREFIX_MAX_LENGTH} caracteres.",
    )
    oai_repository_identifier = models.CharField(
        "identificador del repositorio OAI-PMH", max_length=100, default=DEFAULT_OAI_REPOSITORY_IDENTIFIER,
        validators=[validate_oai_repository_identifier],
        help_text="Un nombre de dominio de la institución, con al menos un punto. Forma el identificador de cada "
        "registro que recogen los recolectores OAI-PMH (oai:este-nombre:código). Si lo cambias, los recolectores "
        "verán identificadores nuevos para los mismos documentos y pueden duplicarlos: cámbialo solo al "
        "instalar el archivo o al mudarlo de institución.",
    )
    admin_email = models.EmailField(
        "correo de contacto del repositorio", default=default_admin_email,
        help_text="Correo que OAI-PMH publica como «adminEmail», para que quien recolecta el archivo avise de "
        "problemas. Mejor una dirección de equipo que una personal.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("subtitle")], heading="Nombre"),
        FieldPanel("code_prefix"),
        MultiFieldPanel([FieldPanel("oai_repository_identifier"), FieldPanel("admin_email")], heading="OAI-PMH"),
    ]

    class Meta:
        verbose_name = "identidad del archivo"
        verbose_name_plural = "identidades del archivo"

    def __str__(self):
        return f"{self.name} ({self.site})"
