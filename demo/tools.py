"""Tools of the demo catalogue."""

from core.content import Ref, Texts
from pages.tools import ToolPage

from .organisations import paragraph


def org(key, role="developer"):
    return {"organisation": Ref("organisation", key), "role": role}


def criterion(key, assessment, detail=None):
    return {
        "criterion": Ref("technicalcriterion", key),
        "assessment": assessment,
        "detail": detail or Texts("", "", ""),
    }


def categories(*keys):
    return [Ref("category", key) for key in keys]


def topics(*keys):
    return [Ref("topic", key) for key in keys]


def tool(key, title, summary, body, **fields):
    spec = {
        "title": title,
        "slug": Texts(key, key, key),
        "summary": summary,
        "description": [paragraph(*body)] if body else [],
        "logo": Ref("logo", title.en),
    }
    spec.update(fields)
    return (ToolPage, spec)


TOOLS = [
    tool(
        "ogp-toolbox",
        Texts("OGP Toolbox", "OGP Toolbox", "OGP Toolbox"),
        Texts(
            "Le catalogue collaboratif des outils numériques du gouvernement ouvert, lancé au Sommet du PGO en 2016.",
            "The collaborative catalogue of open government digital tools, launched at the 2016 OGP Summit.",
            "El catálogo colaborativo de herramientas digitales del gobierno abierto, lanzado en la Cumbre de la AGA de 2016.",
        ),
        (
            "Construite à partir d'avril 2016 par une communauté internationale, la boîte à outils "
            "réunissait plus de 1 200 outils, 180 cas d'usage et 500 organisations. Pensée comme un "
            "réseau social, elle associait à chaque outil des cas d'usage concrets, des critères "
            "techniques définis par la communauté et des collections de recommandations.",
            "Built from April 2016 by an international community, the toolbox gathered more than "
            "1,200 tools, 180 use cases and 500 organisations. Designed like a social network, it "
            "linked each tool to concrete use cases, community-defined technical criteria and "
            "collections of recommendations.",
            "Construida a partir de abril de 2016 por una comunidad internacional, la caja de "
            "herramientas reunía más de 1.200 herramientas, 180 casos de uso y 500 organizaciones. "
            "Concebida como una red social, vinculaba cada herramienta con casos de uso concretos, "
            "criterios técnicos definidos por la comunidad y colecciones de recomendaciones.",
        ),
        kind="online_service",
        status="archived",
        website="https://ogptoolbox.org/",
        source_code_url="https://git.framasoft.org/groups/codegouv",
        licence=Ref("licence", "AGPL-3.0-or-later"),
        categories=categories("civic-tech-directory"),
        topics=topics("open-government"),
        interface_languages=["fr", "en", "es"],
        countries=["FR"],
        organisation_links=[org("etalab", "operator")],
        criteria_values=[
            criterion("self-hosting", "yes"),
            criterion(
                "api",
                "yes",
                Texts("API JSON du catalogue", "JSON API of the catalogue", "API JSON del catálogo"),
            ),
        ],
    ),
    tool(
        "openfisca",
        Texts("OpenFisca", "OpenFisca", "OpenFisca"),
        Texts(
            "Un moteur libre qui simule les systèmes socio-fiscaux, né en France.",
            "A free engine that simulates tax and benefit systems, born in France.",
            "Un motor libre que simula los sistemas fiscales y de prestaciones, nacido en Francia.",
        ),
        (
            "OpenFisca transforme la législation en code pour calculer impôts et prestations. Il "
            "sert à mesurer l'effet d'une réforme sur le budget des ménages, et à bâtir des "
            "services comme Mes Aides.",
            "OpenFisca turns legislation into code to compute taxes and benefits. It is used to "
            "measure how a reform changes household budgets, and to build services such as Mes Aides.",
            "OpenFisca convierte la legislación en código para calcular impuestos y prestaciones. "
            "Sirve para medir el efecto de una reforma en el presupuesto de los hogares y para "
            "construir servicios como Mes Aides.",
        ),
        kind="software",
        website="https://openfisca.org/",
        source_code_url="https://github.com/openfisca",
        licence=Ref("licence", "AGPL-3.0-or-later"),
        categories=categories("simulation", "public-services"),
        topics=topics("tax-and-benefits"),
        interface_languages=["en", "fr"],
        countries=["FR", "SN", "TN"],
        organisation_links=[org("etalab", "contributor")],
        criteria_values=[
            criterion("self-hosting", "yes", Texts("Paquet Python", "Python package", "Paquete Python")),
            criterion("api", "yes", Texts("API web de calcul", "Web calculation API", "API web de cálculo")),
            criterion(
                "open-formats", "yes", Texts("Paramètres en YAML", "Parameters in YAML", "Parámetros en YAML")
            ),
        ],
    ),
    tool(
        "mes-aides",
        Texts("Mes Aides", "Mes Aides", "Mes Aides"),
        Texts(
            "Un simulateur en ligne qui indique à chacun les aides sociales auxquelles il peut prétendre.",
            "An online simulator telling people which social benefits they may be entitled to.",
            "Un simulador en línea que indica a cada persona las ayudas sociales a las que puede tener derecho.",
        ),
        (
            "En quelques questions, Mes Aides estime les droits d'un foyer. Le service s'appuie sur "
            "le moteur OpenFisca ; un prototype sénégalais en a été dérivé pendant le hackathon du "
            "Sommet du PGO.",
            "With a few questions, Mes Aides estimates a household's entitlements. The service runs "
            "on the OpenFisca engine; a Senegalese prototype was derived from it during the OGP "
            "Summit hackathon.",
            "Con unas pocas preguntas, Mes Aides estima los derechos de un hogar. El servicio "
            "funciona con el motor OpenFisca; durante el hackatón de la Cumbre de la AGA se derivó "
            "de él un prototipo senegalés.",
        ),
        kind="online_service",
        website="https://mes-aides.gouv.fr/",
        licence=Ref("licence", "AGPL-3.0-or-later"),
        categories=categories("public-services"),
        topics=topics("tax-and-benefits"),
        interface_languages=["fr"],
        countries=["FR"],
        criteria_values=[criterion("self-hosting", "yes")],
    ),
    tool(
        "cargografias",
        Texts("Cargografías", "Cargografías", "Cargografías"),
        Texts(
            "Un outil argentin qui retrace sur une frise les fonctions occupées par les responsables politiques.",
            "An Argentine tool charting the offices politicians have held over their careers.",
            "Una herramienta argentina que traza en una línea de tiempo los cargos ocupados por los políticos.",
        ),
        (
            "Cargografías rend lisibles les carrières politiques : qui a occupé quel poste, et "
            "quand. Une version française a été réalisée pendant le hackathon du Sommet du PGO.",
            "Cargografías makes political careers readable: who held which office, and when. A "
            "French version was built during the OGP Summit hackathon.",
            "Cargografías hace legibles las trayectorias políticas: quién ocupó qué cargo y cuándo. "
            "Durante el hackatón de la Cumbre de la AGA se creó una versión francesa.",
        ),
        kind="online_service",
        website="https://cargografias.org/",
        categories=categories("transparency"),
        topics=topics("political-transparency"),
        interface_languages=["es", "fr"],
        countries=["AR", "FR"],
        criteria_values=[
            criterion("open-standard", "yes", Texts("Données Popolo", "Popolo data", "Datos Popolo")),
        ],
    ),
    tool(
        "everypolitician",
        Texts("EveryPolitician", "EveryPolitician", "EveryPolitician"),
        Texts(
            "Des données ouvertes sur les élus de très nombreux parlements, dans un format commun.",
            "Open data on the members of a great many parliaments, in one common format.",
            "Datos abiertos sobre los miembros de numerosos parlamentos, en un formato común.",
        ),
        None,
        kind="online_service",
        status="archived",
        website="https://everypolitician.org/",
        categories=categories("transparency", "open-data-portal"),
        topics=topics("political-transparency", "open-data"),
        interface_languages=["en"],
        organisation_links=[org("mysociety")],
        criteria_values=[criterion("open-standard", "yes", Texts("Popolo", "Popolo", "Popolo"))],
    ),
    tool(
        "wikidata",
        Texts("Wikidata", "Wikidata", "Wikidata"),
        Texts(
            "La base de connaissances libre et collaborative, lisible par les humains comme par les machines.",
            "The free, collaborative knowledge base that people and machines can both read.",
            "La base de conocimiento libre y colaborativa, legible tanto por personas como por máquinas.",
        ),
        None,
        kind="online_service",
        website="https://www.wikidata.org/",
        categories=categories("open-data-portal"),
        topics=topics("open-data"),
        interface_languages=["fr", "en", "es"],
        criteria_values=[
            criterion("api", "yes", Texts("SPARQL et API web", "SPARQL and web API", "SPARQL y API web"))
        ],
    ),
    tool(
        "civic-stack",
        Texts("Civic Stack", "Civic Stack", "Civic Stack"),
        Texts(
            "Un répertoire latino-américain d'outils civiques, porté par Democracia en Red et Asuntos del Sur.",
            "A Latin American directory of civic tools, run by Democracia en Red and Asuntos del Sur.",
            "Un directorio latinoamericano de herramientas cívicas, impulsado por Democracia en Red y Asuntos del Sur.",
        ),
        None,
        kind="online_service",
        categories=categories("civic-tech-directory"),
        topics=topics("participation"),
        interface_languages=["es", "en"],
        organisation_links=[org("democracia-en-red"), org("asuntos-del-sur")],
    ),
    tool(
        "participatedb",
        Texts("ParticipateDB", "ParticipateDB", "ParticipateDB"),
        Texts(
            "Un répertoire des outils et projets de participation en ligne.",
            "A directory of online participation tools and projects.",
            "Un directorio de herramientas y proyectos de participación en línea.",
        ),
        None,
        kind="online_service",
        categories=categories("civic-tech-directory"),
        topics=topics("participation"),
        interface_languages=["en"],
        organisation_links=[org("intellectics", "operator")],
    ),
    tool(
        "civic-graph",
        Texts("Civic Graph", "Civic Graph", "Civic Graph"),
        Texts(
            "Une cartographie interactive des acteurs de la technologie civique et de leurs liens.",
            "An interactive map of civic technology players and how they connect.",
            "Un mapa interactivo de los actores de la tecnología cívica y sus vínculos.",
        ),
        None,
        kind="online_service",
        categories=categories("civic-tech-directory"),
        topics=topics("open-government"),
        interface_languages=["en"],
        organisation_links=[org("microsoft")],
    ),
    tool(
        "dem-tools",
        Texts("Dem.tools", "Dem.tools", "Dem.tools"),
        Texts(
            "Une boîte à outils du NDI pour les organisations qui agissent pour la démocratie.",
            "NDI's toolkit for organisations working for democracy.",
            "La caja de herramientas del NDI para organizaciones que trabajan por la democracia.",
        ),
        None,
        kind="online_service",
        categories=categories("civic-tech-directory"),
        topics=topics("participation"),
        interface_languages=["en"],
        organisation_links=[org("ndi")],
    ),
    tool(
        "civictech-lol",
        Texts("civictech.lol", "civictech.lol", "civictech.lol"),
        Texts(
            "Une réutilisation ludique de la base de données de la boîte à outils, imaginée pendant les sprints de 2016.",
            "A playful reuse of the toolbox database, imagined during the 2016 sprints.",
            "Una reutilización lúdica de la base de datos de la caja de herramientas, ideada en los sprints de 2016.",
        ),
        None,
        kind="online_service",
        status="archived",
        categories=categories("civic-tech-directory"),
        topics=topics("open-government"),
        interface_languages=["fr"],
        countries=["FR"],
    ),
    tool(
        "ogpsummit-org",
        Texts("ogpsummit.org", "ogpsummit.org", "ogpsummit.org"),
        Texts(
            "La plateforme de co-construction du programme du Sommet mondial du PGO 2016.",
            "The platform on which the programme of the 2016 OGP Global Summit was co-created.",
            "La plataforma de co-construcción del programa de la Cumbre Mundial de la AGA de 2016.",
        ),
        (
            "Chacun pouvait y proposer une session, rédiger à plusieurs, manifester son intérêt et "
            "discuter. Les contributions ont été recueillies du 20 avril au 20 juillet 2016.",
            "Anyone could propose a session there, write with others, express interest and "
            "discuss. Contributions were collected from 20 April to 20 July 2016.",
            "Cualquiera podía proponer una sesión, redactar con otros, expresar interés y debatir. "
            "Las contribuciones se recogieron del 20 de abril al 20 de julio de 2016.",
        ),
        kind="online_service",
        status="archived",
        website="https://ogpsummit.org/",
        categories=categories("public-consultation", "forum"),
        topics=topics("participation", "open-government"),
        interface_languages=["fr", "en"],
        countries=["FR"],
        organisation_links=[org("etalab", "operator")],
    ),
    tool(
        "democracyos",
        Texts("DemocracyOS", "DemocracyOS", "DemocracyOS"),
        Texts(
            "Une plateforme libre pour débattre de propositions et voter en ligne.",
            "A free platform for debating proposals and voting online.",
            "Una plataforma libre para debatir propuestas y votar en línea.",
        ),
        None,
        kind="software",
        website="https://democraciaenred.org/",
        source_code_url="https://github.com/DemocracyOS",
        licence=Ref("licence", "GPL-3.0-or-later"),
        categories=categories("forum", "public-consultation"),
        topics=topics("participation"),
        interface_languages=["es", "en", "fr"],
        countries=["AR"],
        organisation_links=[org("democracia-en-red")],
        criteria_values=[criterion("self-hosting", "yes")],
    ),
    tool(
        "prozorro",
        Texts("ProZorro", "ProZorro", "ProZorro"),
        Texts(
            "Le système ukrainien de marchés publics électroniques, où toutes les étapes d'un achat sont publiques.",
            "Ukraine's electronic public procurement system, where every step of a purchase is public.",
            "El sistema ucraniano de compras públicas electrónicas, donde cada etapa de una compra es pública.",
        ),
        None,
        kind="online_service",
        website="https://prozorro.gov.ua/",
        source_code_url="https://github.com/openprocurement",
        licence=Ref("licence", "Apache-2.0"),
        categories=categories("public-procurement", "transparency"),
        topics=topics("open-contracting"),
        interface_languages=["uk", "en"],
        countries=["UA"],
        criteria_values=[
            criterion("api", "yes"),
            criterion("open-standard", "yes", Texts("OCDS", "OCDS", "OCDS")),
        ],
    ),
    tool(
        "contracts-finder",
        Texts("Contracts Finder", "Contracts Finder", "Contracts Finder"),
        Texts(
            "Le service britannique pour chercher les appels d'offres et les contrats publics attribués.",
            "The UK service for finding tenders and awarded public contracts.",
            "El servicio británico para buscar licitaciones y contratos públicos adjudicados.",
        ),
        None,
        kind="online_service",
        website="https://www.contractsfinder.service.gov.uk/",
        categories=categories("public-procurement"),
        topics=topics("open-contracting"),
        interface_languages=["en"],
        countries=["GB"],
        criteria_values=[criterion("open-standard", "yes", Texts("OCDS", "OCDS", "OCDS"))],
    ),
    tool(
        "secop",
        Texts("SECOP", "SECOP", "SECOP"),
        Texts(
            "Le système électronique colombien de la commande publique.",
            "Colombia's electronic public procurement system.",
            "El Sistema Electrónico de Contratación Pública de Colombia.",
        ),
        None,
        kind="online_service",
        website="https://www.colombiacompra.gov.co/",
        categories=categories("public-procurement"),
        topics=topics("open-contracting"),
        interface_languages=["es"],
        countries=["CO"],
    ),
    tool(
        "contrataciones-abiertas",
        Texts("Contrataciones Abiertas", "Contrataciones Abiertas", "Contrataciones Abiertas"),
        Texts(
            "La plateforme mexicaine qui publie les marchés publics fédéraux en données ouvertes.",
            "Mexico's platform publishing federal public contracts as open data.",
            "La plataforma mexicana que publica las contrataciones federales como datos abiertos.",
        ),
        None,
        kind="online_service",
        categories=categories("public-procurement", "open-data-portal"),
        topics=topics("open-contracting", "open-data"),
        interface_languages=["es"],
        countries=["MX"],
        criteria_values=[criterion("open-standard", "yes", Texts("OCDS", "OCDS", "OCDS"))],
    ),
    tool(
        "data-gouv-fr",
        Texts("data.gouv.fr", "data.gouv.fr", "data.gouv.fr"),
        Texts(
            "Le portail national français des données publiques ouvertes, animé par Etalab.",
            "France's national open data portal, run by Etalab.",
            "El portal nacional francés de datos públicos abiertos, gestionado por Etalab.",
        ),
        (
            "On y trouve notamment les données essentielles de la commande publique, que les "
            "acheteurs publics français doivent publier.",
            "Among much else, it holds the essential data on public procurement that French public "
            "buyers must publish.",
            "Entre otros, contiene los datos esenciales de la contratación pública que los "
            "compradores públicos franceses deben publicar.",
        ),
        kind="online_service",
        website="https://www.data.gouv.fr/",
        source_code_url="https://github.com/opendatateam/udata",
        licence=Ref("licence", "AGPL-3.0-or-later"),
        categories=categories("open-data-portal"),
        topics=topics("open-data", "open-contracting"),
        interface_languages=["fr", "en"],
        countries=["FR"],
        organisation_links=[org("etalab", "operator")],
        criteria_values=[
            criterion("self-hosting", "yes", Texts("Logiciel udata", "udata software", "Software udata")),
            criterion("api", "yes"),
            criterion("open-formats", "yes"),
        ],
    ),
]
