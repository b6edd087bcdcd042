"""The base taxonomy every site starts with (``bootstrap``), in French (source), English and Spanish.

The scope is the 2016 toolbox's: the kinds of open-government tools, the themes they serve, who they
serve, the criteria tools are compared on and the criteria of the 2016 summit's hackathon. Licences
come from the SPDX list (``snippets.spdx``), plus a term for proprietary software. Levels of
government are fixed choices of use cases (``pages.use_cases.GovernmentLevel``), not terms.
"""

from core.content import Texts
from snippets.models import Audience, Category, HackathonCriterion, Licence, TechnicalCriterion, Topic

CATEGORIES = [
    {
        "slug": "open-data-portal",
        "name": Texts("Portail de données ouvertes", "Open data portal", "Portal de datos abiertos"),
        "description": Texts(
            "Publier, décrire et rendre réutilisables les données publiques.",
            "Publishing public data, describing it and making it reusable.",
            "Publicar datos públicos, describirlos y hacerlos reutilizables.",
        ),
    },
    {
        "slug": "public-consultation",
        "name": Texts("Consultation publique", "Public consultation", "Consulta pública"),
        "description": Texts(
            "Recueillir l'avis et les propositions du public sur une décision.",
            "Gathering the public's opinions and proposals on a decision.",
            "Recoger opiniones y propuestas del público sobre una decisión.",
        ),
    },
    {
        "slug": "law-making",
        "name": Texts(
            "Élaboration et suivi de la loi",
            "Law-making and monitoring",
            "Elaboración y seguimiento de leyes",
        ),
        "description": Texts(
            "Écrire la loi à plusieurs et suivre le travail des élus.",
            "Writing laws together and following the work of elected representatives.",
            "Redactar leyes de forma colaborativa y seguir el trabajo de los representantes.",
        ),
    },
    {
        "slug": "forum",
        "name": Texts("Forum de discussion", "Discussion forum", "Foro de discusión"),
        "description": Texts(
            "Débattre en ligne et délibérer sur des propositions.",
            "Debating online and deliberating on proposals.",
            "Debatir en línea y deliberar sobre propuestas.",
        ),
    },
    {
        "slug": "action-plan-tracking",
        "name": Texts("Suivi des plans d'action", "Action plan tracking", "Seguimiento de planes de acción"),
        "description": Texts(
            "Suivre la mise en œuvre des engagements de gouvernement ouvert.",
            "Following how open government commitments are carried out.",
            "Seguir el cumplimiento de los compromisos de gobierno abierto.",
        ),
    },
    {
        "slug": "transparency",
        "name": Texts(
            "Transparence et redevabilité",
            "Transparency and accountability",
            "Transparencia y rendición de cuentas",
        ),
        "description": Texts(
            "Rendre visibles les décisions, les dépenses et les responsables publics.",
            "Making decisions, spending and public office-holders visible.",
            "Hacer visibles las decisiones, el gasto y los cargos públicos.",
        ),
    },
    {
        "slug": "public-procurement",
        "name": Texts("Commande publique", "Public procurement", "Compras públicas"),
        "description": Texts(
            "Publier et suivre les marchés publics, de l'appel d'offres au contrat.",
            "Publishing and following public contracts, from tender to award.",
            "Publicar y seguir los contratos públicos, de la licitación a la adjudicación.",
        ),
    },
    {
        "slug": "public-services",
        "name": Texts("Services aux usagers", "Services to the public", "Servicios a la ciudadanía"),
        "description": Texts(
            "Aider chacun à connaître et exercer ses droits.",
            "Helping people know and use their rights.",
            "Ayudar a cada persona a conocer y ejercer sus derechos.",
        ),
    },
    {
        "slug": "civic-tech-directory",
        "name": Texts("Annuaire de la civic tech", "Civic tech directory", "Directorio de tecnología cívica"),
        "description": Texts(
            "Recenser les outils et les acteurs de la technologie civique.",
            "Listing the tools and the people of civic technology.",
            "Reunir las herramientas y los actores de la tecnología cívica.",
        ),
    },
    {
        "slug": "simulation",
        "name": Texts("Simulation et modélisation", "Simulation and modelling", "Simulación y modelización"),
        "description": Texts(
            "Calculer l'effet des règles publiques avant et après leur adoption.",
            "Computing the effect of public rules before and after they are adopted.",
            "Calcular el efecto de las normas públicas antes y después de adoptarlas.",
        ),
    },
    {
        "slug": "participatory-budgeting",
        "name": Texts("Budget participatif", "Participatory budgeting", "Presupuesto participativo"),
        "description": Texts(
            "Proposer des projets, les voter et suivre leur réalisation avec une partie du budget public.",
            "Proposing projects, voting on them and following how a share of the public budget is spent.",
            "Proponer proyectos, votarlos y seguir la ejecución de una parte del presupuesto público.",
        ),
    },
    {
        "slug": "petitions",
        "name": Texts("Pétitions", "Petitions", "Peticiones"),
        "description": Texts(
            "Déposer une demande collective auprès d'une institution et la faire signer.",
            "Filing a collective request with an institution and gathering signatures for it.",
            "Presentar una solicitud colectiva ante una institución y reunir firmas.",
        ),
    },
    {
        "slug": "access-to-information",
        "name": Texts(
            "Accès aux documents publics", "Access to information", "Acceso a la información pública"
        ),
        "description": Texts(
            "Demander des documents administratifs et publier les réponses obtenues.",
            "Requesting public documents and publishing the answers received.",
            "Solicitar documentos públicos y publicar las respuestas recibidas.",
        ),
    },
    {
        "slug": "citizen-reporting",
        "name": Texts("Signalement citoyen", "Citizen reporting", "Reportes ciudadanos"),
        "description": Texts(
            "Signaler un problème local à la collectivité et suivre son traitement.",
            "Reporting a local problem to the authority in charge and following how it is handled.",
            "Avisar a la administración de un problema local y seguir su resolución.",
        ),
    },
]

TOPICS = [
    {
        "slug": "open-contracting",
        "name": Texts("Contrats ouverts", "Open contracting", "Contrataciones abiertas"),
    },
    {
        "slug": "tax-and-benefits",
        "name": Texts(
            "Fiscalité et prestations sociales", "Tax and benefits", "Impuestos y prestaciones sociales"
        ),
    },
    {
        "slug": "political-transparency",
        "name": Texts("Transparence de la vie politique", "Political transparency", "Transparencia política"),
    },
    {"slug": "open-data", "name": Texts("Données ouvertes", "Open data", "Datos abiertos")},
    {
        "slug": "participation",
        "name": Texts("Participation citoyenne", "Citizen participation", "Participación ciudadana"),
    },
    {"slug": "open-government", "name": Texts("Gouvernement ouvert", "Open government", "Gobierno abierto")},
    {
        "slug": "anti-corruption",
        "name": Texts("Lutte contre la corruption", "Anti-corruption", "Lucha contra la corrupción"),
    },
    {"slug": "public-finance", "name": Texts("Finances publiques", "Public finance", "Finanzas públicas")},
    {"slug": "justice", "name": Texts("Justice", "Justice", "Justicia")},
    {"slug": "environment", "name": Texts("Environnement", "Environment", "Medio ambiente")},
    {"slug": "health", "name": Texts("Santé", "Health", "Salud")},
    {"slug": "education", "name": Texts("Éducation", "Education", "Educación")},
]

AUDIENCES = [
    {"slug": "citizens", "name": Texts("Citoyens", "Citizens", "Ciudadanía")},
    {
        "slug": "public-officials",
        "name": Texts("Agents publics", "Public officials", "Funcionarios públicos"),
    },
    {
        "slug": "civil-society",
        "name": Texts(
            "Organisations de la société civile",
            "Civil-society organisations",
            "Organizaciones de la sociedad civil",
        ),
    },
    {"slug": "journalists", "name": Texts("Journalistes", "Journalists", "Periodistas")},
    {"slug": "developers", "name": Texts("Développeurs et développeuses", "Developers", "Desarrolladores")},
    {"slug": "researchers", "name": Texts("Chercheurs et chercheuses", "Researchers", "Investigadores")},
    {"slug": "businesses", "name": Texts("Entreprises", "Businesses", "Empresas")},
]

# Every other licence comes from the SPDX list (snippets.spdx); this one has no SPDX identifier.
LICENCES = [
    {
        "slug": "proprietary",
        "name": Texts("Propriétaire", "Proprietary", "Propietaria"),
        "description": Texts(
            "Logiciel dont le code source n'est pas publié sous une licence libre.",
            "Software whose source code is not published under an open-source licence.",
            "Software cuyo código fuente no se publica con una licencia libre.",
        ),
        "spdx_id": "",
        "is_open_source": False,
        "url": "",
    },
]

TECHNICAL_CRITERIA = [
    {
        "slug": "self-hosting",
        "position": 1,
        "name": Texts("Auto-hébergement", "Self-hosting", "Autoalojamiento"),
        "description": Texts(
            "Une administration peut-elle l'installer sur ses propres serveurs ?",
            "Can an administration install it on its own servers?",
            "¿Puede una administración instalarla en sus propios servidores?",
        ),
    },
    {
        "slug": "api",
        "position": 2,
        "name": Texts("API publique", "Public API", "API pública"),
        "description": Texts(
            "Ses données et fonctions sont-elles accessibles à d'autres programmes ?",
            "Can other programs reach its data and functions?",
            "¿Pueden otros programas acceder a sus datos y funciones?",
        ),
    },
    {
        "slug": "open-formats",
        "position": 3,
        "name": Texts("Formats ouverts", "Open formats", "Formatos abiertos"),
        "description": Texts(
            "Les données sortent-elles dans des formats ouverts et documentés ?",
            "Does data come out in open, documented formats?",
            "¿Los datos salen en formatos abiertos y documentados?",
        ),
    },
    {
        "slug": "open-standard",
        "position": 4,
        "name": Texts("Standard de données", "Data standard", "Estándar de datos"),
        "description": Texts(
            "Suit-il un standard partagé (OCDS, Popolo…) ?",
            "Does it follow a shared standard (OCDS, Popolo…)?",
            "¿Sigue un estándar compartido (OCDS, Popolo…)?",
        ),
    },
    {
        "slug": "accessibility",
        "position": 5,
        "name": Texts("Accessibilité", "Accessibility", "Accesibilidad"),
        "description": Texts(
            "Une déclaration d'accessibilité est-elle publiée ?",
            "Is an accessibility statement published?",
            "¿Se publica una declaración de accesibilidad?",
        ),
    },
]

HACKATHON_CRITERIA = [
    {
        "slug": "contribution",
        "position": 1,
        "name": Texts("Contribution", "Contribution", "Contribución"),
        "description": Texts(
            "Créer des outils ou des fonctionnalités, réutiliser un outil dans un autre contexte ou "
            "collaborer à l'international autour d'une solution numérique.",
            "Building new tools or features, reusing a tool in another context, or working on a "
            "digital solution across borders.",
            "Crear herramientas o funciones, reutilizar una herramienta en otro contexto o "
            "colaborar internacionalmente en una solución digital.",
        ),
    },
    {
        "slug": "internationalisation",
        "position": 2,
        "name": Texts("Internationalisation", "Internationalisation", "Internacionalización"),
        "description": Texts(
            "Travailler avec des organisations d'autres pays.",
            "Working with organisations from other countries.",
            "Trabajar con organizaciones de otros países.",
        ),
    },
    {
        "slug": "co-construction",
        "position": 3,
        "name": Texts("Co-construction", "Co-construction", "Co-construcción"),
        "description": Texts(
            "Associer administrations et organisations de la société civile.",
            "Bringing administrations and civil-society organisations together.",
            "Unir administraciones y organizaciones de la sociedad civil.",
        ),
    },
    {
        "slug": "documentation",
        "position": 4,
        "name": Texts("Documentation", "Documentation", "Documentación"),
        "description": Texts(
            "Documenter l'avancement tout au long du hackathon pour que d'autres puissent reprendre.",
            "Recording progress throughout the hackathon so that others can pick the work up.",
            "Documentar el avance durante todo el hackatón para que otros puedan retomarlo.",
        ),
    },
    {
        "slug": "projection",
        "position": 5,
        "name": Texts("Projection", "Projection", "Proyección"),
        "description": Texts(
            "Prévoir la suite à long terme, en lien avec les actions collectives du PGO.",
            "Planning the long-term future of the project, in step with OGP's collective actions.",
            "Prever la continuidad a largo plazo, en línea con las acciones colectivas de la AGA.",
        ),
    },
]

TERMS = [
    (Category, CATEGORIES),
    (Topic, TOPICS),
    (Audience, AUDIENCES),
    (Licence, LICENCES),
    (TechnicalCriterion, TECHNICAL_CRITERIA),
    (HackathonCriterion, HACKATHON_CRITERIA),
]
