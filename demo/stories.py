"""Use cases, collections, hackathons and project reports of the demo catalogue."""

import datetime

from core.content import Ref, Texts
from pages.collections import CollectionPage
from pages.hackathons import HackathonPage, HackathonProjectPage
from pages.use_cases import UseCasePage

from .organisations import paragraph


def html(fr, en, es):
    return Texts(fr, en, es)


def uses(tool_key, fr, en, es):
    return {"tool": Ref("tool", tool_key), "role": Texts(fr, en, es)}


def involves(org_key, role):
    return {"organisation": Ref("organisation", org_key), "role": role}


USE_CASES = [
    (
        UseCasePage,
        {
            "title": Texts(
                "Imaginer les usages de la boîte à outils",
                "Imagining what the toolbox could be used for",
                "Imaginar los usos de la caja de herramientas",
            ),
            "slug": Texts("usages-boite-a-outils", "toolbox-uses", "usos-caja-de-herramientas"),
            "summary": Texts(
                "Un atelier ouvert pour décrire les usages du catalogue selon trois facettes : objectifs, usagers, services.",
                "An open workshop describing the uses of the catalogue through three facets: objectives, users, services.",
                "Un taller abierto para describir los usos del catálogo según tres facetas: objetivos, usuarios, servicios.",
            ),
            "objectives": html(
                "<p>Accompagner la constitution de la boîte à outils du gouvernement ouvert en "
                "recensant les usages qui renforcent cette démarche.</p><p>Inspirer des "
                "initiatives qui exploitent le catalogue, en favorisant la mutualisation et la "
                "co-construction entre acteurs.</p>",
                "<p>Support the building of the open government toolbox by listing the uses that "
                "strengthen an open government approach.</p><p>Inspire initiatives that make use "
                "of the catalogue, encouraging pooling and co-construction between actors.</p>",
                "<p>Acompañar la construcción de la caja de herramientas del gobierno abierto "
                "recopilando los usos que refuerzan este enfoque.</p><p>Inspirar iniciativas que "
                "aprovechen el catálogo, fomentando la puesta en común y la co-construcción entre "
                "actores.</p>",
            ),
            "audiences": [
                Ref("audience", "public-officials"),
                Ref("audience", "civil-society"),
                Ref("audience", "developers"),
            ],
            "users": html(
                "<p>Tous les acteurs de la civic tech : administrations, associations, entreprises "
                "et contributeurs bénévoles, invités à imaginer comment se réapproprier la "
                "ressource.</p>",
                "<p>Everyone in civic tech: administrations, associations, companies and volunteer "
                "contributors, invited to imagine how they could make the resource their own.</p>",
                "<p>Todos los actores de la tecnología cívica: administraciones, asociaciones, "
                "empresas y colaboradores voluntarios, invitados a imaginar cómo apropiarse del "
                "recurso.</p>",
            ),
            "services": html(
                "<p>Des plateformes et services imaginés autour du catalogue : recherche d'outils, "
                "documentation de cas d'usage, recommandations, réutilisations de la base de "
                "données.</p>",
                "<p>Platforms and services imagined around the catalogue: finding tools, "
                "documenting use cases, recommendations, reuses of the database.</p>",
                "<p>Plataformas y servicios imaginados en torno al catálogo: búsqueda de "
                "herramientas, documentación de casos de uso, recomendaciones, reutilizaciones de "
                "la base de datos.</p>",
            ),
            "body": [
                paragraph(
                    "L'atelier est né lors du lancement du Sommet du PGO, le 20 avril 2016, en "
                    "soutien au hackathon officiel. Complémentaire de l'atelier technique qui "
                    "concevait le catalogue, il a rejoint Open Democracy Now! lors de sa troisième "
                    "étape, pendant Futur en Seine.",
                    "The workshop started at the launch of the OGP Summit on 20 April 2016, in "
                    "support of the official hackathon. Alongside the technical workshop that "
                    "designed the catalogue, it joined Open Democracy Now! at its third stage, "
                    "during Futur en Seine.",
                    "El taller nació en el lanzamiento de la Cumbre de la AGA, el 20 de abril de "
                    "2016, en apoyo al hackatón oficial. Complementario del taller técnico que "
                    "diseñaba el catálogo, se unió a Open Democracy Now! en su tercera etapa, "
                    "durante Futur en Seine.",
                )
            ],
            "tool_links": [
                uses(
                    "ogp-toolbox",
                    "Le catalogue dont on imagine les usages.",
                    "The catalogue whose uses were being imagined.",
                    "El catálogo cuyos usos se imaginaban.",
                ),
                uses(
                    "civictech-lol",
                    "Un exemple de réutilisation de la base de données.",
                    "An example of reusing the database.",
                    "Un ejemplo de reutilización de la base de datos.",
                ),
            ],
            "organisation_links": [involves("open-law", "lead"), involves("etalab", "partner")],
            "countries": ["FR"],
            "government_level": "national",
            "started_on": datetime.date(2016, 4, 20),
            "ended_on": datetime.date(2016, 12, 9),
            "topics": [Ref("topic", "open-government")],
            "outcomes": html(
                "<p>Une grille de lecture en trois facettes, reprise pour décrire chaque cas "
                "d'usage du catalogue.</p>",
                "<p>A three-facet reading grid, used afterwards to describe every use case in the "
                "catalogue.</p>",
                "<p>Una grilla de lectura en tres facetas, utilizada después para describir cada "
                "caso de uso del catálogo.</p>",
            ),
            "lessons": html(
                "<p>Décrire un outil ne suffit pas : ce sont les usages documentés qui permettent à "
                "d'autres de s'en emparer.</p>",
                "<p>Describing a tool is not enough: documented uses are what let others pick it up.</p>",
                "<p>Describir una herramienta no basta: son los usos documentados los que permiten "
                "que otros la adopten.</p>",
            ),
        },
    ),
    (
        UseCasePage,
        {
            "title": Texts(
                "Co-construire le programme du Sommet du PGO",
                "Co-creating the OGP Summit programme",
                "Co-construir el programa de la Cumbre de la AGA",
            ),
            "slug": Texts("programme-sommet-pgo", "ogp-summit-programme", "programa-cumbre-aga"),
            "summary": Texts(
                "Trois mois de propositions ouvertes pour bâtir le programme du Sommet mondial de Paris.",
                "Three months of open proposals to build the programme of the Paris Global Summit.",
                "Tres meses de propuestas abiertas para construir el programa de la Cumbre Mundial de París.",
            ),
            "objectives": html(
                "<p>Construire de façon itérative et collaborative le programme du Sommet : "
                "conférences, ateliers et présentations.</p>",
                "<p>Build the Summit programme — talks, workshops and pitches — iteratively and "
                "collaboratively.</p>",
                "<p>Construir de forma iterativa y colaborativa el programa de la Cumbre: "
                "conferencias, talleres y presentaciones.</p>",
            ),
            "audiences": [Ref("audience", "public-officials"), Ref("audience", "civil-society")],
            "users": html(
                "<p>Agents publics, représentants de la société civile et membres du secrétariat du "
                "PGO ; 200 personnes ont participé aux ateliers de lancement.</p>",
                "<p>Public officials, civil-society representatives and members of the OGP "
                "secretariat; 200 people took part in the launch workshops.</p>",
                "<p>Funcionarios, representantes de la sociedad civil y miembros de la secretaría "
                "de la AGA; 200 personas participaron en los talleres de lanzamiento.</p>",
            ),
            "services": html(
                "<p>Rédaction de propositions, expression d'intérêt et discussion en ligne.</p>",
                "<p>Writing proposals, expressing interest and discussing online.</p>",
                "<p>Redacción de propuestas, expresión de interés y debate en línea.</p>",
            ),
            "body": [
                paragraph(
                    "Des groupes de travail se sont formés autour de thèmes nouveaux : banque "
                    "ouverte, justice ouverte, transparence de la commande publique, budget "
                    "participatif, communs numériques, gouvernement ouvert local et suivi des "
                    "engagements climatiques.",
                    "Working groups formed around new themes: open banking, open justice, "
                    "transparent public procurement, participatory budgeting, digital commons, "
                    "local open government and the follow-up of climate commitments.",
                    "Se formaron grupos de trabajo en torno a temas nuevos: banca abierta, justicia "
                    "abierta, transparencia de la contratación pública, presupuesto participativo, "
                    "bienes comunes digitales, gobierno abierto local y seguimiento de los "
                    "compromisos climáticos.",
                )
            ],
            "tool_links": [
                uses(
                    "ogpsummit-org",
                    "La plateforme où chacun proposait et commentait des sessions.",
                    "The platform where anyone proposed and discussed sessions.",
                    "La plataforma donde cualquiera proponía y comentaba sesiones.",
                )
            ],
            "organisation_links": [
                involves("etalab", "lead"),
                involves("partenariat-gouvernement-ouvert", "partner"),
            ],
            "countries": ["FR"],
            "government_level": "international",
            "started_on": datetime.date(2016, 4, 20),
            "ended_on": datetime.date(2016, 7, 20),
            "topics": [Ref("topic", "participation"), Ref("topic", "open-government")],
            "outcomes": html(
                "<p>Un programme nourri par les propositions reçues, et des méthodes de "
                "co-création renouvelées pour le Sommet.</p>",
                "<p>A programme fed by the proposals received, and renewed co-creation methods for "
                "the Summit.</p>",
                "<p>Un programa alimentado por las propuestas recibidas y métodos de co-creación "
                "renovados para la Cumbre.</p>",
            ),
            "lessons": Texts("", "", ""),
        },
    ),
    (
        UseCasePage,
        {
            "title": Texts(
                "Connaître ses droits aux aides sociales",
                "Finding out which benefits you are entitled to",
                "Conocer los derechos a ayudas sociales",
            ),
            "slug": Texts("connaitre-ses-droits", "know-your-entitlements", "conocer-tus-derechos"),
            "summary": Texts(
                "Un simulateur public, construit sur un moteur libre, pour estimer ses droits en quelques minutes.",
                "A public simulator built on a free engine, to estimate one's entitlements in minutes.",
                "Un simulador público, construido sobre un motor libre, para estimar los derechos en minutos.",
            ),
            "objectives": html(
                "<p>Réduire le non-recours aux aides en donnant à chacun une estimation simple de "
                "ses droits.</p>",
                "<p>Reduce the number of people who miss out on benefits by giving everyone a "
                "simple estimate of their entitlements.</p>",
                "<p>Reducir el número de personas que no solicitan ayudas ofreciendo a cada una "
                "una estimación sencilla de sus derechos.</p>",
            ),
            "audiences": [Ref("audience", "citizens")],
            "users": html(
                "<p>Les particuliers et les travailleurs sociaux qui les accompagnent.</p>",
                "<p>Individuals, and the social workers who help them.</p>",
                "<p>Los particulares y los trabajadores sociales que los acompañan.</p>",
            ),
            "services": html(
                "<p>Un questionnaire en ligne et la liste des aides auxquelles le foyer peut prétendre.</p>",
                "<p>An online questionnaire and the list of benefits the household may claim.</p>",
                "<p>Un cuestionario en línea y la lista de ayudas que el hogar puede solicitar.</p>",
            ),
            "body": [],
            "tool_links": [
                uses(
                    "mes-aides",
                    "Le service utilisé par le public.",
                    "The service the public uses.",
                    "El servicio que usa el público.",
                ),
                uses(
                    "openfisca",
                    "Le moteur qui calcule les droits.",
                    "The engine that computes entitlements.",
                    "El motor que calcula los derechos.",
                ),
            ],
            "organisation_links": [involves("etalab", "partner")],
            "countries": ["FR"],
            "government_level": "national",
            "started_on": None,
            "ended_on": None,
            "topics": [Ref("topic", "tax-and-benefits")],
            "outcomes": html(
                "<p>Le même moteur a servi de base à un prototype pour le Sénégal, et une "
                "réutilisation a été engagée pour la Tunisie.</p>",
                "<p>The same engine became the basis of a prototype for Senegal, and a reuse was "
                "started for Tunisia.</p>",
                "<p>El mismo motor sirvió de base para un prototipo para Senegal, y se inició una "
                "reutilización para Túnez.</p>",
            ),
            "lessons": Texts("", "", ""),
        },
    ),
]


def recommends(tool_key, fr, en, es):
    return {"tool": Ref("tool", tool_key), "note": Texts(fr, en, es)}


COLLECTIONS = [
    (
        CollectionPage,
        {
            "title": Texts("Contrats ouverts", "Open contracting", "Contrataciones abiertas"),
            "featured": True,
            "slug": Texts("contrats-ouverts", "open-contracting", "contrataciones-abiertas"),
            "summary": Texts(
                "Les outils les plus utiles pour ouvrir la commande publique, tirés de l'expérience de cinq pays.",
                "The most useful tools for opening up public procurement, drawn from five countries' experience.",
                "Las herramientas más útiles para abrir la contratación pública, a partir de la experiencia de cinco países.",
            ),
            "introduction": html(
                "<p>Constituée pendant le hackathon du Sommet du PGO, cette collection rassemble "
                "les pratiques de la Colombie, de la France, du Mexique, du Royaume-Uni et de "
                "l'Ukraine pour aider les membres du PGO à démarrer.</p>",
                "<p>Put together during the OGP Summit hackathon, this collection gathers the "
                "practices of Colombia, France, Mexico, the United Kingdom and Ukraine to help OGP "
                "members get started.</p>",
                "<p>Reunida durante el hackatón de la Cumbre de la AGA, esta colección recoge las "
                "prácticas de Colombia, Francia, México, el Reino Unido y Ucrania para ayudar a los "
                "miembros de la AGA a empezar.</p>",
            ),
            "curator": None,
            "topics": [Ref("topic", "open-contracting")],
            "items": [
                recommends(
                    "prozorro",
                    "Chaque étape de l'achat est publique, de l'appel d'offres au contrat.",
                    "Every step of a purchase is public, from tender to contract.",
                    "Cada etapa de la compra es pública, de la licitación al contrato.",
                ),
                recommends(
                    "secop",
                    "L'exemple colombien d'un système national unique.",
                    "Colombia's example of a single national system.",
                    "El ejemplo colombiano de un sistema nacional único.",
                ),
                recommends(
                    "contrataciones-abiertas",
                    "La publication des contrats fédéraux au standard OCDS.",
                    "Federal contracts published in the OCDS standard.",
                    "La publicación de los contratos federales en el estándar OCDS.",
                ),
                recommends(
                    "contracts-finder",
                    "Retrouver appels d'offres et attributions au même endroit.",
                    "Tenders and awards found in one place.",
                    "Licitaciones y adjudicaciones en un solo lugar.",
                ),
                recommends(
                    "data-gouv-fr",
                    "Les données essentielles de la commande publique française en accès libre.",
                    "Open access to France's essential public procurement data.",
                    "Acceso libre a los datos esenciales de la contratación pública francesa.",
                ),
            ],
        },
    ),
    (
        CollectionPage,
        {
            "title": Texts(
                "Répertoires de la civic tech", "Civic tech directories", "Directorios de tecnología cívica"
            ),
            "featured": True,
            "slug": Texts(
                "repertoires-civic-tech", "civic-tech-directories", "directorios-tecnologia-civica"
            ),
            "summary": Texts(
                "Les initiatives sœurs avec lesquelles la boîte à outils a partagé données et taxonomie.",
                "The sister initiatives the toolbox shared data and taxonomy with.",
                "Las iniciativas hermanas con las que la caja de herramientas compartió datos y taxonomía.",
            ),
            "introduction": html(
                "<p>En 2016, la boîte à outils a travaillé avec des initiatives internationales "
                "proches pour partager des données et réfléchir ensemble à une taxonomie des "
                "outils et des acteurs de la civic tech.</p>",
                "<p>In 2016 the toolbox worked with similar international initiatives to share data "
                "and think together about a taxonomy of civic tech tools and actors.</p>",
                "<p>En 2016, la caja de herramientas trabajó con iniciativas internacionales "
                "similares para compartir datos y reflexionar juntos sobre una taxonomía de "
                "herramientas y actores de la tecnología cívica.</p>",
            ),
            "curator": Ref("organisation", "etalab"),
            "topics": [Ref("topic", "open-government")],
            "items": [
                recommends(
                    "ogp-toolbox",
                    "Le catalogue lui-même.",
                    "The catalogue itself.",
                    "El propio catálogo.",
                ),
                recommends(
                    "civic-stack",
                    "Le regard latino-américain.",
                    "The Latin American perspective.",
                    "La mirada latinoamericana.",
                ),
                recommends(
                    "participatedb",
                    "Centré sur la participation en ligne.",
                    "Focused on online participation.",
                    "Centrado en la participación en línea.",
                ),
                recommends(
                    "civic-graph",
                    "Pour voir les liens entre acteurs.",
                    "To see how players connect.",
                    "Para ver los vínculos entre actores.",
                ),
                recommends(
                    "dem-tools",
                    "Pour les organisations pro-démocratie.",
                    "For pro-democracy organisations.",
                    "Para organizaciones prodemocracia.",
                ),
            ],
        },
    ),
]


def criteria(*keys):
    return [{"criterion": Ref("hackathoncriterion", key)} for key in keys]


FIVE_CRITERIA = criteria(
    "contribution", "internationalisation", "co-construction", "documentation", "projection"
)


def programme(day, time, fr, en, es):
    return ("item", {"day": day, "time": time, "title": Texts(fr, en, es), "description": Texts("", "", "")})


HACKATHONS = [
    (
        HackathonPage,
        {
            "title": Texts(
                "Hackathon Open Democracy Now!",
                "Open Democracy Now! hackathon",
                "Hackatón Open Democracy Now!",
            ),
            "slug": Texts("open-democracy-now-2016", "open-democracy-now-2016", "open-democracy-now-2016"),
            "summary": Texts(
                "Trois jours de contribution à la boîte à outils à la mairie du 18e arrondissement de Paris.",
                "Three days of contributions to the toolbox at the town hall of Paris's 18th district.",
                "Tres días de contribuciones a la caja de herramientas en el ayuntamiento del distrito 18 de París.",
            ),
            "starts_on": datetime.date(2016, 9, 16),
            "ends_on": datetime.date(2016, 9, 18),
            "venue": Texts("Mairie du 18e", "Town hall of the 18th district", "Ayuntamiento del distrito 18"),
            "address": "1 place Jules Joffrin, 75018 Paris",
            "city": Texts("Paris", "Paris", "París"),
            "country": "FR",
            "website": "",
            "description": [
                paragraph(
                    "Une étape des sprints de contribution qui ont mené au lancement de la boîte à "
                    "outils : renseigner des outils, documenter les solutions recensées et améliorer "
                    "ensemble les logiciels.",
                    "One of the contribution sprints leading to the toolbox launch: adding tools, "
                    "documenting listed solutions and improving software together.",
                    "Uno de los sprints de contribución que llevaron al lanzamiento de la caja de "
                    "herramientas: registrar herramientas, documentar las soluciones y mejorar juntos "
                    "el software.",
                )
            ],
            "programme": [],
            "organisers": [{"organisation": Ref("organisation", "etalab")}],
            "criteria": [],
        },
    ),
    (
        HackathonPage,
        {
            "title": Texts(
                "Hackathon OGP Toolbox à New York",
                "OGP Toolbox hackathon in New York",
                "Hackatón OGP Toolbox en Nueva York",
            ),
            "slug": Texts("new-york-2016", "new-york-2016", "nueva-york-2016"),
            "summary": Texts(
                "« Civic Tech for Open Government » : une journée au Civic Hall, au lendemain du passage de relais de la présidence du PGO.",
                "“Civic Tech for Open Government”: a day at Civic Hall, the day after the OGP presidency changed hands.",
                "«Civic Tech for Open Government»: una jornada en Civic Hall, al día siguiente del traspaso de la presidencia de la AGA.",
            ),
            "starts_on": datetime.date(2016, 9, 21),
            "ends_on": datetime.date(2016, 9, 21),
            "venue": Texts("Civic Hall", "Civic Hall", "Civic Hall"),
            "address": "156 5th Avenue, New York",
            "city": Texts("New York", "New York", "Nueva York"),
            "country": "US",
            "website": "",
            "description": [
                paragraph(
                    "La veille, l'Afrique du Sud avait transmis à la France la présidence du PGO, en "
                    "marge de l'Assemblée générale des Nations unies. Agents publics français et "
                    "américains, société civile, entreprises et communauté civic tech ont présenté "
                    "la boîte à outils et recueilli les contributions de l'écosystème new-yorkais.",
                    "The day before, South Africa had handed the OGP presidency to France on the "
                    "sidelines of the UN General Assembly. French and American public officials, "
                    "civil society, companies and the civic tech community presented the toolbox and "
                    "gathered contributions from the New York ecosystem.",
                    "El día anterior, Sudáfrica había traspasado a Francia la presidencia de la AGA "
                    "al margen de la Asamblea General de las Naciones Unidas. Funcionarios franceses "
                    "y estadounidenses, sociedad civil, empresas y comunidad cívica presentaron la "
                    "caja de herramientas y recogieron contribuciones del ecosistema neoyorquino.",
                )
            ],
            "programme": [
                programme(
                    datetime.date(2016, 9, 21),
                    datetime.time(9, 0),
                    "Accueil et présentation de la boîte à outils",
                    "Welcome and presentation of the toolbox",
                    "Bienvenida y presentación de la caja de herramientas",
                ),
                programme(
                    datetime.date(2016, 9, 21),
                    datetime.time(10, 0),
                    "Sprint de contribution",
                    "Contribution sprint",
                    "Sprint de contribución",
                ),
                programme(
                    datetime.date(2016, 9, 21),
                    datetime.time(20, 30),
                    "Clôture",
                    "Close",
                    "Cierre",
                ),
            ],
            "organisers": [
                {"organisation": Ref("organisation", "etalab")},
                {"organisation": Ref("organisation", "civic-hall")},
            ],
            "criteria": [],
        },
    ),
    (
        HackathonPage,
        {
            "title": Texts(
                "Hackathon du Sommet mondial du PGO",
                "OGP Global Summit hackathon",
                "Hackatón de la Cumbre Mundial de la AGA",
            ),
            "slug": Texts("sommet-pgo-paris-2016", "ogp-summit-paris-2016", "cumbre-aga-paris-2016"),
            "summary": Texts(
                "Le premier hackathon mondial d'un Sommet du PGO : 70 projets internationaux pour améliorer la démocratie.",
                "The first global hackathon at an OGP Summit: 70 international projects to improve democracy.",
                "El primer hackatón mundial en una Cumbre de la AGA: 70 proyectos internacionales para mejorar la democracia.",
            ),
            "starts_on": datetime.date(2016, 12, 7),
            "ends_on": datetime.date(2016, 12, 9),
            "venue": Texts("Sommet mondial du PGO", "OGP Global Summit", "Cumbre Mundial de la AGA"),
            "address": "",
            "city": Texts("Paris", "Paris", "París"),
            "country": "FR",
            "website": "",
            "description": [
                paragraph(
                    "Gouvernements, administrations, société civile et communauté civic tech y ont "
                    "lancé des collaborations internationales : enrichir la boîte à outils, "
                    "améliorer des logiciels ouverts, traduire des solutions et les déployer dans "
                    "d'autres pays. Trois projets ont été retenus pour la séance plénière de "
                    "clôture, à l'Hôtel de Ville de Paris.",
                    "Governments, administrations, civil society and the civic tech community "
                    "started international collaborations there: adding to the toolbox, improving "
                    "open software, translating solutions and deploying them in other countries. "
                    "Three projects were chosen for the closing plenary at Paris City Hall.",
                    "Gobiernos, administraciones, sociedad civil y comunidad cívica iniciaron allí "
                    "colaboraciones internacionales: enriquecer la caja de herramientas, mejorar "
                    "software abierto, traducir soluciones y desplegarlas en otros países. Tres "
                    "proyectos fueron elegidos para la sesión plenaria de clausura en el "
                    "Ayuntamiento de París.",
                )
            ],
            "programme": [],
            "organisers": [
                {"organisation": Ref("organisation", "etalab")},
                {"organisation": Ref("organisation", "partenariat-gouvernement-ouvert")},
            ],
            "criteria": FIVE_CRITERIA,
        },
    ),
]


def score(key, self_assessment, jury, fr, en, es):
    return {
        "criterion": Ref("hackathoncriterion", key),
        "self_assessment": self_assessment,
        "jury_score": jury,
        "comment": Texts(fr, en, es),
    }


def log(day, fr, en, es):
    return ("entry", {"date": day, "text": Texts(fr, en, es)})


def link(kind, url, label):
    return ("link", {"kind": kind, "url": url, "label": label})


def reuses(tool_key, fr="", en="", es=""):
    return {"tool": Ref("tool", tool_key), "note": Texts(fr, en, es)}


SUMMIT = "sommet-pgo-paris-2016"

# Scores are illustrative: the 2016 documents name the criteria and the selected projects, not marks.
PROJECTS = [
    (
        HackathonProjectPage,
        {
            "title": Texts("Mes Aides pour le Sénégal", "Mes Aides for Senegal", "Mes Aides para Senegal"),
            "slug": Texts("mes-aides-senegal", "mes-aides-senegal", "mes-aides-senegal"),
            "summary": Texts(
                "Adapter au Sénégal le simulateur d'aides sociales construit sur OpenFisca, et préparer sa réutilisation en Tunisie.",
                "Adapting the OpenFisca-based benefits simulator to Senegal, and preparing its reuse in Tunisia.",
                "Adaptar a Senegal el simulador de ayudas sociales basado en OpenFisca y preparar su reutilización en Túnez.",
            ),
            "challenge": html(
                "<p>Montrer qu'un moteur de règles socio-fiscales libre peut être repris par un "
                "autre pays, avec sa propre législation.</p>",
                "<p>Show that a free tax-benefit rules engine can be taken up by another country, "
                "with its own legislation.</p>",
                "<p>Demostrar que un motor libre de reglas fiscales y sociales puede ser adoptado "
                "por otro país, con su propia legislación.</p>",
            ),
            "team": [
                (
                    "member",
                    {
                        "name": "Équipe OpenFisca",
                        "role": Texts("Moteur de calcul", "Calculation engine", "Motor de cálculo"),
                        "affiliation": "",
                    },
                ),
            ],
            "organisations": [{"organisation": Ref("organisation", "etalab")}],
            "countries": ["FR", "SN", "TN"],
            "reused_tools": [
                reuses(
                    "openfisca",
                    "Le moteur, adapté aux règles sénégalaises.",
                    "The engine, adapted to Senegalese rules.",
                    "El motor, adaptado a las reglas senegalesas.",
                ),
                reuses(
                    "mes-aides",
                    "L'interface de simulation.",
                    "The simulation interface.",
                    "La interfaz de simulación.",
                ),
            ],
            "produced_tools": [],
            "progress_log": [
                log(
                    datetime.date(2016, 12, 7),
                    "Constitution d'une équipe pluridisciplinaire.",
                    "A multidisciplinary team is formed.",
                    "Se forma un equipo multidisciplinario.",
                ),
                log(
                    datetime.date(2016, 12, 9),
                    "Présentation du prototype en séance plénière de clôture.",
                    "Prototype presented at the closing plenary.",
                    "Presentación del prototipo en la plenaria de clausura.",
                ),
            ],
            "links": [link("code", "https://github.com/openfisca", "OpenFisca")],
            "scores": [
                score(
                    "contribution",
                    5,
                    5,
                    "Un prototype fonctionnel dérivé d'un outil existant.",
                    "A working prototype derived from an existing tool.",
                    "Un prototipo funcional derivado de una herramienta existente.",
                ),
                score(
                    "internationalisation",
                    5,
                    5,
                    "France, Sénégal et Tunisie.",
                    "France, Senegal and Tunisia.",
                    "Francia, Senegal y Túnez.",
                ),
                score("co-construction", 4, 4, "", "", ""),
                score("documentation", 3, 3, "", "", ""),
                score(
                    "projection",
                    4,
                    5,
                    "Une réutilisation engagée en Tunisie.",
                    "A reuse started in Tunisia.",
                    "Una reutilización iniciada en Túnez.",
                ),
            ],
            "distinction": "winner",
            "next_steps": html(
                "<p>Poursuivre la collaboration pour réutiliser le moteur dans le contexte tunisien.</p>",
                "<p>Continue the collaboration to reuse the engine in the Tunisian context.</p>",
                "<p>Continuar la colaboración para reutilizar el motor en el contexto tunecino.</p>",
            ),
        },
    ),
    (
        HackathonProjectPage,
        {
            "title": Texts(
                "Boîte à outils des contrats ouverts",
                "Open Contracting Toolbox",
                "Caja de herramientas de contrataciones abiertas",
            ),
            "slug": Texts(
                "boite-a-outils-contrats-ouverts", "open-contracting-toolbox", "caja-contrataciones-abiertas"
            ),
            "summary": Texts(
                "Un inventaire des outils de la commande publique ouverte, nourri de l'expérience de sept pays.",
                "An inventory of open procurement tools, drawing on the experience of seven countries.",
                "Un inventario de herramientas de contratación abierta, nutrido por la experiencia de siete países.",
            ),
            "challenge": html(
                "<p>Aider les membres du PGO à se lancer dans les contrats ouverts, l'une des "
                "principales actions collectives proposées lors du Sommet.</p>",
                "<p>Help OGP members get started with open contracting, one of the main collective "
                "actions proposed at the Summit.</p>",
                "<p>Ayudar a los miembros de la AGA a iniciarse en las contrataciones abiertas, una "
                "de las principales acciones colectivas propuestas en la Cumbre.</p>",
            ),
            "team": [],
            "organisations": [],
            "countries": ["CO", "FR", "MX", "GB", "UA"],
            "reused_tools": [
                reuses("prozorro"),
                reuses("secop"),
                reuses("contrataciones-abiertas"),
                reuses("contracts-finder"),
                reuses("data-gouv-fr"),
            ],
            "produced_tools": [],
            "progress_log": [
                log(
                    datetime.date(2016, 12, 8),
                    "Inventaire des outils utilisés dans sept pays.",
                    "Inventory of the tools used in seven countries.",
                    "Inventario de las herramientas usadas en siete países.",
                ),
                log(
                    datetime.date(2016, 12, 9),
                    "Publication de la collection « Contrats ouverts ».",
                    "The “Open contracting” collection is published.",
                    "Publicación de la colección «Contrataciones abiertas».",
                ),
            ],
            "links": [],
            "scores": [
                score(
                    "contribution",
                    4,
                    4,
                    "Une nouvelle collection dans la boîte à outils.",
                    "A new collection in the toolbox.",
                    "Una nueva colección en la caja de herramientas.",
                ),
                score(
                    "internationalisation",
                    5,
                    5,
                    "Sept pays représentés.",
                    "Seven countries represented.",
                    "Siete países representados.",
                ),
                score("co-construction", 4, 4, "", "", ""),
                score("documentation", 4, 4, "", "", ""),
                score(
                    "projection",
                    5,
                    4,
                    "Alignée sur une action collective du PGO.",
                    "Aligned with an OGP collective action.",
                    "Alineada con una acción colectiva de la AGA.",
                ),
            ],
            "distinction": "winner",
            "next_steps": html(
                "<p>Tenir la collection à jour avec les pays qui rejoignent la démarche.</p>",
                "<p>Keep the collection up to date as more countries join.</p>",
                "<p>Mantener la colección al día a medida que se suman países.</p>",
            ),
        },
    ),
    (
        HackathonProjectPage,
        {
            "title": Texts("Cargografías en français", "Cargografías in French", "Cargografías en francés"),
            "slug": Texts("cargografias-francais", "cargografias-french", "cargografias-frances"),
            "summary": Texts(
                "Quatre groupes ont réuni code, données et standard pour créer une version française de Cargografías.",
                "Four groups combined code, data and a standard to build a French version of Cargografías.",
                "Cuatro grupos unieron código, datos y un estándar para crear una versión francesa de Cargografías.",
            ),
            "challenge": html(
                "<p>Visualiser les carrières des responsables politiques français avec l'outil "
                "argentin, sans réécrire l'interface.</p>",
                "<p>Chart French politicians' careers with the Argentine tool, without rewriting "
                "its interface.</p>",
                "<p>Visualizar las trayectorias de los políticos franceses con la herramienta "
                "argentina, sin reescribir su interfaz.</p>",
            ),
            "team": [],
            "organisations": [{"organisation": Ref("organisation", "sinar-project")}],
            "countries": ["AR", "FR", "MY"],
            "reused_tools": [
                reuses("cargografias", "L'interface.", "The front end.", "La interfaz."),
                reuses(
                    "everypolitician",
                    "Les données sur les élus.",
                    "Data on elected officials.",
                    "Los datos sobre los cargos electos.",
                ),
                reuses(
                    "wikidata", "Des données complémentaires.", "Additional data.", "Datos complementarios."
                ),
            ],
            "produced_tools": [],
            "progress_log": [
                log(
                    datetime.date(2016, 12, 8),
                    "Mise au format Popolo révisé par Sinar Project.",
                    "Data shaped to Sinar Project's revised Popolo format.",
                    "Datos adaptados al formato Popolo revisado por Sinar Project.",
                ),
                log(
                    datetime.date(2016, 12, 9),
                    "Présentation en séance plénière de clôture.",
                    "Presented at the closing plenary.",
                    "Presentación en la plenaria de clausura.",
                ),
            ],
            "links": [link("website", "https://cargografias.org/", "Cargografías")],
            "scores": [
                score("contribution", 4, 4, "", "", ""),
                score(
                    "internationalisation",
                    5,
                    5,
                    "Argentine, France et Malaisie.",
                    "Argentina, France and Malaysia.",
                    "Argentina, Francia y Malasia.",
                ),
                score("co-construction", 3, 3, "", "", ""),
                score("documentation", 3, 4, "", "", ""),
                score("projection", 3, 3, "", "", ""),
            ],
            "distinction": "winner",
            "next_steps": Texts("", "", ""),
        },
    ),
]
