/**
 * Demo content for the 'demo' library: three starting categories with their skills, and
 * fictional expert profiles. Every person and organisation here is invented; organisations are
 * described generically ("an acute trust in the Midlands") and links only point at example.org or
 * example.com.
 */

export interface SeedSkill {
  slug: string;
  name: string;
}

export interface SeedCategory {
  slug: string;
  name: string;
  skills: SeedSkill[];
}

export interface SeedStory {
  title: string;
  body: string;
}

export interface SeedProfile {
  /** Stable kebab-case key, unique across the seed. */
  key: string;
  displayName: string;
  pronouns: string | null;
  /** One line, at most 120 characters. */
  headline: string;
  bio: string;
  careerStage: 'entry' | 'early' | 'mid' | 'senior' | 'executive';
  /** Category slugs from demoCategories. */
  categories: string[];
  /** Skill slugs from demoCategories, belonging to the profile's categories. */
  skills: string[];
  stories: SeedStory[];
  /** BCP 47 language tags, 'en' first. */
  languages: string[];
  /** IANA time zone. */
  timeZone: string;
  links: { label: string; url: string }[];
}

export const demoLibrary: { slug: 'demo'; name: string; description: string; phase: 'open' } = {
  slug: 'demo',
  name: 'Talking Library',
  description:
    "Women of colour working in digital health and care share their skills, expertise and lived experience with members of a health-care quality-improvement community. Find an expert and book a one-hour skill exchange paid in time credits, where everyone's hour is worth the same.",
  phase: 'open',
};

export const demoCategories: SeedCategory[] = [
  {
    slug: 'leadership',
    name: 'Leadership',
    skills: [
      { slug: 'coaching', name: 'Coaching' },
      { slug: 'mentoring', name: 'Mentoring' },
      { slug: 'inclusive-leadership', name: 'Inclusive leadership' },
      { slug: 'stakeholder-engagement', name: 'Stakeholder engagement' },
      { slug: 'board-level-influence', name: 'Board-level influence' },
      { slug: 'change-management', name: 'Change management' },
      { slug: 'negotiation', name: 'Negotiation' },
      { slug: 'public-speaking', name: 'Public speaking and presenting' },
    ],
  },
  {
    slug: 'digital-health',
    name: 'Digital health',
    skills: [
      { slug: 'fhir', name: 'FHIR' },
      { slug: 'interoperability-hl7', name: 'Interoperability and HL7 v2' },
      { slug: 'clinical-safety', name: 'Clinical safety (DCB0129/DCB0160)' },
      { slug: 'information-governance', name: 'Information governance and DPIAs' },
      { slug: 'user-research', name: 'User research' },
      { slug: 'data-analysis', name: 'Data analysis' },
      { slug: 'product-management', name: 'Product management' },
      { slug: 'digital-inclusion', name: 'Digital inclusion' },
      { slug: 'accessibility', name: 'Accessibility (WCAG)' },
    ],
  },
  {
    slug: 'improvement',
    name: 'Improvement',
    skills: [
      { slug: 'pdsa-cycles', name: 'PDSA cycles' },
      { slug: 'statistical-process-control', name: 'Statistical process control (SPC)' },
      { slug: 'process-mapping', name: 'Process mapping' },
      { slug: 'co-production', name: 'Co-production with patients and carers' },
      { slug: 'measurement-for-improvement', name: 'Measurement for improvement' },
      { slug: 'human-factors', name: 'Human factors' },
      { slug: 'driver-diagrams', name: 'Driver diagrams' },
      { slug: 'improvement-evaluation', name: 'Evaluating improvement' },
    ],
  },
];

export const demoProfiles: SeedProfile[] = [
  // ── entry ──────────────────────────────────────────────────────────────────────────────────
  {
    key: 'amara-okafor',
    displayName: 'Amara Okafor',
    pronouns: 'she/her',
    headline: 'Data analyst apprentice turning messy spreadsheets into clear charts for ward teams',
    bio: "I'm a level 4 data analyst apprentice in the performance team of an acute trust in south London. Most weeks I'm cleaning extracts, building simple dashboards and learning how statistical process control charts tell a different story from red-amber-green tables. I'm happy to sit with you while you tidy a dataset or work out what to measure first.",
    careerStage: 'entry',
    categories: ['digital-health', 'improvement'],
    skills: ['data-analysis', 'statistical-process-control', 'measurement-for-improvement'],
    stories: [
      {
        title: 'The question I was scared to ask',
        body: "In my second month I sat through a whole meeting not understanding what 'a run of eight' meant, too nervous to ask. Afterwards a senior analyst drew it for me on the back of an agenda and told me she had asked the same question ten years earlier. I keep that agenda in my notebook, and I try to be the person who draws the picture.",
      },
    ],
    languages: ['en', 'ig'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'precious-mwangi',
    displayName: 'Precious Mwangi',
    pronouns: 'she/her',
    headline: 'Health informatics graduate trainee in user research, learning to listen to patients and carers',
    bio: "I joined a national graduate scheme in health informatics last year and I'm on a user research placement with a community health services trust. I've run my first discovery interviews with district nurses and carers, written up findings and helped test a paper prototype of a wound-care app. I can share what I've learned about recruiting participants and writing plain-English discussion guides.",
    careerStage: 'entry',
    categories: ['digital-health', 'improvement'],
    skills: ['user-research', 'co-production', 'accessibility'],
    stories: [
      {
        title: 'Swahili halfway through',
        body: 'A carer I interviewed switched to Swahili halfway through when she realised we shared a language, and the whole conversation changed. She told me about the practical juggling of medication times in a way she never had with the nurses in English. It taught me to ask about language preference at recruitment, not as an afterthought at the end.',
      },
    ],
    languages: ['en', 'sw'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'keisha-campbell-reid',
    displayName: 'Keisha Campbell-Reid',
    pronouns: 'she/her',
    headline: 'Digital champion helping older patients get online with the NHS App and video appointments',
    bio: 'I coordinate volunteer digital champions for a GP federation in Birmingham, running drop-in sessions in libraries and community centres. I help people set up the NHS App, order repeat prescriptions and join video consultations, then feed back what trips them up to the practice teams. I am keen on digital inclusion, accessibility and using small PDSA cycles to improve how a drop-in service runs.',
    careerStage: 'entry',
    categories: ['digital-health', 'improvement'],
    skills: ['digital-inclusion', 'accessibility', 'pdsa-cycles', 'co-production'],
    stories: [
      {
        title: "My nan's tablet",
        body: 'I got into this because my nan, who came over from Jamaica in the sixties, was given a tablet for video appointments and nobody showed her how to turn the volume up. We worked it out together at her kitchen table over a few Sundays. Every session I run now starts with the question I wish someone had asked her: what would you like to be able to do?',
      },
    ],
    languages: ['en'],
    timeZone: 'Europe/London',
    links: [{ label: 'Digital champions drop-in timetable', url: 'https://example.org/digital-champions' }],
  },
  {
    key: 'mei-lin-chau',
    displayName: 'Mei Lin Chau',
    pronouns: 'she/her',
    headline: 'Junior developer learning FHIR APIs and HL7 messaging on an NHS integration team',
    bio: "I moved into software development through a coding bootcamp after a degree in biomedical science, and now work as a junior developer on the integration team of an NHS shared services organisation. I'm getting to grips with FHIR resources, HL7 v2 messages and national APIs for patient demographics. Talk to me if you're starting out and want an honest beginner's map of interoperability.",
    careerStage: 'entry',
    categories: ['digital-health'],
    skills: ['fhir', 'interoperability-hl7', 'data-analysis'],
    stories: [
      {
        title: 'From pipettes to Patient resources',
        body: "I spent three years in a lab before I wrote a line of code, and for a while I felt like a fraud among computer science graduates. Then I was the only person on the team who understood why a reference range mattered in a FHIR Observation. Your earlier life is not wasted; it's the context other people lack.",
      },
    ],
    languages: ['en', 'yue'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'farhana-begum',
    displayName: 'Farhana Begum',
    pronouns: 'she/her',
    headline: 'Healthcare assistant moving into digital, focused on accessible patient information and forms',
    bio: "I've worked as a healthcare assistant on a stroke ward in east London for six years and I'm now on a secondment with the trust's digital team. I test patient-facing content and online forms for accessibility, check reading age and help adapt leaflets for Bengali and Sylheti speakers. I'd love to swap an hour with someone who knows human factors or usability testing.",
    careerStage: 'entry',
    categories: ['digital-health', 'improvement'],
    skills: ['accessibility', 'digital-inclusion', 'human-factors'],
    stories: [
      {
        title: 'The form nobody could finish',
        body: "A patient's daughter once asked me to help her with a discharge questionnaire on a tablet, and between us we could not find the 'next' button hidden under the keyboard. I wrote it up on a scrap of paper and passed it to the digital team, expecting nothing. They invited me to their next sprint review, and that's how I ended up here.",
      },
    ],
    languages: ['en', 'bn', 'syl'],
    timeZone: 'Europe/London',
    links: [],
  },

  // ── early ──────────────────────────────────────────────────────────────────────────────────
  {
    key: 'ifeoma-nwosu',
    displayName: 'Ifeoma Nwosu',
    pronouns: 'she/her',
    headline: 'FHIR developer building maternity and immunisation APIs for a start-up serving Lagos and London',
    bio: "I'm a backend developer specialising in HL7 FHIR R4, working remotely for a health-tech start-up that serves clinics in Nigeria and the UK. I design FHIR profiles, write implementation guides and map legacy HL7 v2 feeds into modern APIs. I enjoy explaining interoperability to improvement teams who simply want the discharge letter to arrive on time.",
    careerStage: 'early',
    categories: ['digital-health', 'leadership'],
    skills: ['fhir', 'interoperability-hl7', 'product-management', 'mentoring'],
    stories: [
      {
        title: 'Two time zones, one standard',
        body: 'When I started, I thought working from Lagos would make me invisible to the London team. What changed it was volunteering to write the implementation guide nobody else wanted to write; suddenly every question came to me. Now I mentor two junior developers, and I tell them that good documentation is a quiet kind of leadership.',
      },
    ],
    languages: ['en', 'ig'],
    timeZone: 'Africa/Lagos',
    links: [{ label: 'FHIR implementation notes', url: 'https://example.org/ifeoma/fhir-notes' }],
  },
  {
    key: 'hodan-abdi',
    displayName: 'Hodan Abdi',
    pronouns: 'she/her',
    headline: 'User researcher at a London integrated care board, working with seldom-heard communities',
    bio: "I'm a user researcher on digital front door services for a London integrated care board. I plan and run discovery and alpha research, including interviews in Somali and with interpreters, and I turn findings into journey maps and process maps teams can act on. I care about co-production that pays people properly for their time and research that reaches beyond the usual voices.",
    careerStage: 'early',
    categories: ['digital-health', 'improvement'],
    skills: ['user-research', 'co-production', 'digital-inclusion', 'process-mapping'],
    stories: [
      {
        title: 'The word for appointment',
        body: "Testing an online booking prototype with Somali-speaking mothers, I noticed the translated button used a word closer to 'summons' than 'appointment'. No wonder nobody wanted to press it. We rewrote the content with a community group, and I still think about how much weight one word can carry.",
      },
    ],
    languages: ['en', 'so'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'priya-raghunathan',
    displayName: 'Priya Raghunathan',
    pronouns: 'she/her',
    headline: 'NHS data analyst working from Chennai on SPC dashboards and waiting-list analysis',
    bio: "I'm a data analyst for a UK analytics consultancy that supports NHS trusts, working from Chennai with a team in Leeds. I build SQL pipelines, Power BI dashboards and statistical process control charts for elective recovery and waiting-list validation. I'm happy to help improvement teams move from monthly averages to proper run charts, and to talk about working across time zones.",
    careerStage: 'early',
    categories: ['digital-health', 'improvement'],
    skills: ['data-analysis', 'statistical-process-control', 'measurement-for-improvement'],
    stories: [
      {
        title: 'The camera-off year',
        body: 'For my first year I kept my camera off in every call with the UK team, convinced my accent would make people take my analysis less seriously. Then a clinical lead asked me to present my own chart because, she said, I explained special-cause variation better than she could. I have kept the camera on ever since.',
      },
    ],
    languages: ['en', 'ta'],
    timeZone: 'Asia/Kolkata',
    links: [],
  },
  {
    key: 'naomi-asante',
    displayName: 'Naomi Asante',
    pronouns: 'she/her',
    headline: 'Associate product manager on a remote-monitoring app, balancing clinical safety and delivery',
    bio: "I'm an associate product manager at a digital health supplier that builds a remote-monitoring app for people living with heart failure. I write user stories, run backlog refinement and work closely with our clinical safety officer on the hazard log. Before this I was a business analyst, so I'm comfortable running process mapping and requirements workshops.",
    careerStage: 'early',
    categories: ['digital-health', 'improvement'],
    skills: ['product-management', 'clinical-safety', 'user-research', 'process-mapping'],
    stories: [
      {
        title: 'Saying no in my first roadmap meeting',
        body: 'In my first roadmap meeting I had to tell a consultant that his favourite feature would wait a quarter. My voice shook and I over-explained, but I had the user research to back it up and he agreed. Afterwards my manager said the evidence had done the talking, and I have leaned on that ever since.',
      },
    ],
    languages: ['en', 'tw'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'simone-baptiste',
    displayName: 'Simone Baptiste',
    pronouns: 'she/they',
    headline: 'Improvement facilitator who loves a sticky-note process map and a well-run PDSA cycle',
    bio: "I'm an improvement facilitator in the quality improvement team of a mental health trust in the south west. I run process mapping workshops, help teams build driver diagrams and coach them through their first PDSA cycles. I'm curious about how digital tools can support improvement without adding to everyone's admin.",
    careerStage: 'early',
    categories: ['improvement', 'leadership'],
    skills: ['process-mapping', 'pdsa-cycles', 'driver-diagrams', 'coaching'],
    stories: [
      {
        title: 'Costume workshops and crisis teams',
        body: "My mum's family is from Trinidad and I grew up helping build carnival costumes in a crowded back room, where nothing works unless everyone can see the plan. The first time I mapped a crisis team's referral pathway across a wall, a nurse said it was the first time anyone had asked how the work really happened. I try to bring that back-room, everyone-holds-a-pen energy to every workshop.",
      },
    ],
    languages: ['en'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'jasleen-kaur-dhillon',
    displayName: 'Jasleen Kaur Dhillon',
    pronouns: 'she/her',
    headline: 'Information governance officer who makes DPIAs and data-sharing agreements less painful',
    bio: 'I work in the information governance team of a GP federation in the Midlands that hosts several primary care networks. I write and review data protection impact assessments, data-sharing agreements and privacy notices, and I advise improvement teams on using patient data lawfully. My aim is to be the IG person who negotiates a safe route to yes.',
    careerStage: 'early',
    categories: ['digital-health', 'leadership'],
    skills: ['information-governance', 'stakeholder-engagement', 'negotiation'],
    stories: [
      {
        title: 'Explaining consent over chai',
        body: "When my dad asked why his GP surgery wanted to share his record with the hospital, I realised I couldn't explain it in Punjabi without hiding behind jargon. Translating it for him made me rewrite how I explain it to everyone. If I can describe a lawful basis at his kitchen table, I can describe it to a project board.",
      },
    ],
    languages: ['en', 'pa'],
    timeZone: 'Europe/London',
    links: [],
  },

  // ── mid ────────────────────────────────────────────────────────────────────────────────────
  {
    key: 'leanne-osei-whitfield',
    displayName: 'Leanne Osei-Whitfield',
    pronouns: 'she/her',
    headline: 'Registered nurse and deputy clinical safety officer for digital systems at an acute trust',
    bio: "I'm a registered nurse and deputy clinical safety officer for an acute trust in the Midlands, working to DCB0160 whenever we deploy or change clinical systems. I run hazard identification workshops, maintain the clinical risk management file and review suppliers' DCB0129 safety cases. I bring a human factors lens to every deployment, because most hazards I find live in how people actually use a screen at three in the morning.",
    careerStage: 'mid',
    categories: ['digital-health', 'improvement'],
    skills: ['clinical-safety', 'human-factors', 'process-mapping'],
    stories: [
      {
        title: 'The only one in the design review',
        body: 'At my first supplier design review I was the only woman of colour in a room of twelve, and when I raised a hazard about a confusing drop-down list I was talked over. I wrote it in the hazard log anyway, with a screenshot and a clear description. Six months later that drop-down was redesigned, and I learned that a safety case is a place where a quiet voice gets recorded.',
      },
      {
        title: 'From bedside to hazard log',
        body: 'I never planned to leave the ward; a clinical safety course was simply the only training with a free place that month. It turned out my years of night shifts were exactly what the digital team was missing. I still do a clinical shift each month to keep my feet on the ground.',
      },
    ],
    languages: ['en'],
    timeZone: 'Europe/London',
    links: [{ label: 'Hazard workshop template', url: 'https://example.com/leanne/hazard-workshop' }],
  },
  {
    key: 'nadia-siddiqui',
    displayName: 'Nadia Siddiqui',
    pronouns: 'she/her',
    headline: 'Nurse informatician bridging ward nursing and electronic patient record design',
    bio: "After twelve years in acute medicine I became a nurse informatician at a teaching hospital in the north of England, where I lead nursing content for our electronic patient record. I design assessment forms and observation charts with frontline nurses, run usability testing and measure whether documentation time really falls. I'm happy to talk about moving from nursing into informatics and making the case for nurses at the design table.",
    careerStage: 'mid',
    categories: ['digital-health', 'improvement', 'leadership'],
    skills: ['user-research', 'human-factors', 'measurement-for-improvement', 'mentoring'],
    stories: [
      {
        title: 'Swapping the fob watch for a laptop',
        body: "When I moved into informatics I felt guilty for leaving the ward, as if I'd stopped being a real nurse. A ward sister told me that every minute I saved on documentation was a minute given back to patients, and that changed how I saw it. I now mentor nurses considering the same move, and I tell them the uniform is not the job.",
      },
    ],
    languages: ['en', 'ur'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'grace-kamau',
    displayName: 'Grace Wanjiru Kamau',
    pronouns: null,
    headline: 'Interoperability lead with HL7 v2 and FHIR experience across UK and Canadian health systems',
    bio: "I'm an interoperability lead for an integration engine supplier, based in Toronto and working with NHS trusts and Canadian provinces. I design interfaces between laboratory, radiology and patient administration systems using HL7 v2 and FHIR, and I chair our internal standards group. I can help you understand why your data doesn't flow and who you need to negotiate with to fix it.",
    careerStage: 'mid',
    categories: ['digital-health', 'leadership'],
    skills: ['interoperability-hl7', 'fhir', 'stakeholder-engagement', 'negotiation'],
    stories: [
      {
        title: 'Learning to chair',
        body: "The first time I chaired a standards call I had planned the agenda to the minute, and I still froze when two vendors started arguing. An older colleague messaged me privately: 'Ask each of them what they need to go home with.' It worked, and I have used that question in every difficult meeting since.",
      },
    ],
    languages: ['en', 'sw'],
    timeZone: 'America/Toronto',
    links: [],
  },
  {
    key: 'yuki-harrow-tanaka',
    displayName: 'Yuki Harrow-Tanaka',
    pronouns: 'she/they',
    headline: 'Accessibility and content design lead making NHS digital services work for everyone',
    bio: "I lead accessibility and content design at a digital agency that builds services for NHS organisations and local authorities. I audit services against WCAG 2.2, test with screen-reader and switch users, and coach teams to build accessibility in from discovery rather than bolt it on. I'm neurodivergent, which shapes how I think about cognitive accessibility and plain language.",
    careerStage: 'mid',
    categories: ['digital-health', 'leadership'],
    skills: ['accessibility', 'user-research', 'digital-inclusion', 'coaching'],
    stories: [
      {
        title: 'The audit that changed my mind',
        body: 'Early in my career I treated accessibility as a checklist to pass. Then I watched a participant who uses a screen reader spend eleven minutes trying to book a blood test on a service I had signed off. I now start every project by watching someone use it, and the checklist comes second.',
      },
    ],
    languages: ['en', 'ja'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'aaliyah-forbes',
    displayName: 'Aaliyah Forbes',
    pronouns: 'she/her',
    headline: 'Improvement advisor and SPC enthusiast supporting frontline teams across an integrated care system',
    bio: "I'm an improvement advisor in the transformation team of an integrated care system in the north west, coaching clinical and operational teams through improvement projects. My specialisms are measurement for improvement, statistical process control and turning a vague aim into a driver diagram with testable change ideas. I also teach the Model for Improvement on our introductory and practitioner QI programmes.",
    careerStage: 'mid',
    categories: ['improvement', 'leadership'],
    skills: [
      'statistical-process-control',
      'measurement-for-improvement',
      'driver-diagrams',
      'pdsa-cycles',
      'coaching',
    ],
    stories: [
      {
        title: "My grandmother's rainfall notebook",
        body: "My grandmother in Barbados recorded the rainfall every morning for forty years, and as a child I helped her draw the lines. When I first saw an SPC chart on an improvement course I laughed out loud, because I'd been doing it at her table all along. I tell that story to nervous teams to remind them that measurement is something they already know how to do.",
      },
    ],
    languages: ['en'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'thandiwe-moyo',
    displayName: 'Thandiwe Moyo',
    pronouns: 'she/her',
    headline: 'Digital inclusion lead co-producing services with communities in a northern city',
    bio: "I'm the digital inclusion lead for a community and mental health trust, working alongside the local council and voluntary sector. I run a device-lending scheme, train digital champions and co-produce digital services with people who have been left out of them, including refugees and people experiencing homelessness. I can help you build a digital inclusion strand into an improvement project and evaluate whether it reaches the people it should.",
    careerStage: 'mid',
    categories: ['digital-health', 'improvement'],
    skills: ['digital-inclusion', 'co-production', 'improvement-evaluation', 'user-research'],
    stories: [
      {
        title: 'Data bundles, not apps',
        body: 'In my first month I proposed a new app for appointment reminders. A woman at a community group told me kindly that the app sounded lovely but she had no mobile data left by the third week of the month. We switched to funding data bundles and text reminders, and I learned to ask about the basics before designing anything clever.',
      },
    ],
    languages: ['en', 'nd'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'sunita-mistry',
    displayName: 'Sunita Mistry',
    pronouns: 'she/her',
    headline: 'Pharmacist turned product manager for electronic prescribing and medicines optimisation',
    bio: 'I qualified as a pharmacist and spent eight years in hospital pharmacy before moving into product management at an electronic prescribing supplier. I own the roadmap for our medicines reconciliation module, work with our clinical safety team on every release and run discovery with pharmacists, nurses and doctors. I am good at translating between clinicians and engineers, and at being clear about what a product will not do.',
    careerStage: 'mid',
    categories: ['digital-health', 'leadership'],
    skills: ['product-management', 'clinical-safety', 'user-research', 'stakeholder-engagement'],
    stories: [
      {
        title: "My mother's pill organiser",
        body: 'My mother keeps her tablets in a plastic organiser with Gujarati labels she wrote herself. Watching her use it, I understood why long generic drug names confused so many older users of our app. We added plain-English descriptions alongside drug names, an idea that came straight from her kitchen.',
      },
    ],
    languages: ['en', 'gu'],
    timeZone: 'Europe/London',
    links: [],
  },

  // ── senior ─────────────────────────────────────────────────────────────────────────────────
  {
    key: 'roisin-adeyemi',
    displayName: 'Roisin Adeyemi',
    pronouns: 'she/her',
    headline: 'Head of clinical safety at a health software supplier: DCB0129 safety cases and hazard logs',
    bio: "I'm a former emergency medicine doctor and now head of clinical safety at a Dublin-based health software company that supplies NHS trusts in England. I lead our DCB0129 clinical risk management system, sign off safety cases and work with customers' clinical safety officers on their DCB0160 duties, including information governance overlaps. I also train and mentor new clinical safety officers, with a particular interest in human factors and AI-enabled tools.",
    careerStage: 'senior',
    categories: ['digital-health', 'improvement', 'leadership'],
    skills: ['clinical-safety', 'human-factors', 'information-governance', 'mentoring'],
    stories: [
      {
        title: 'Choosing which answer to give',
        body: "Growing up in Dublin with a Nigerian dad, I was asked where I was 'really' from more times than I can count. Early in my career a consultant asked it on a ward round, and I gave the joke I'd rehearsed since school. These days I answer with my job title, and I help younger colleagues choose which part of their story they want to tell, and when.",
      },
    ],
    languages: ['en', 'ga', 'yo'],
    timeZone: 'Europe/Dublin',
    links: [],
  },
  {
    key: 'funmilayo-bankole',
    displayName: 'Funmilayo Bankole',
    pronouns: 'she/her',
    headline: 'Head of analytics at an integrated care board, using SPC and population health data for improvement',
    bio: 'I lead a team of twenty analysts at an integrated care board in the east of England, providing population health management, performance and improvement analytics. I championed the move from RAG-rated board reports to statistical process control charts, and I teach senior leaders how to read them. I also mentor analysts from under-represented backgrounds into leadership roles.',
    careerStage: 'senior',
    categories: ['digital-health', 'improvement', 'leadership'],
    skills: [
      'data-analysis',
      'statistical-process-control',
      'measurement-for-improvement',
      'board-level-influence',
      'mentoring',
    ],
    stories: [
      {
        title: 'The chart that calmed a board',
        body: 'At my first board meeting as head of analytics, a director wanted to launch an urgent review because one month had turned red. I put up an SPC chart showing it was ordinary common-cause variation, and the room went quiet. My hands were shaking under the table, but that meeting changed how the board reads data, and how I read my own nerves.',
      },
    ],
    languages: ['en', 'yo'],
    timeZone: 'Europe/London',
    links: [
      { label: 'Reading SPC charts: a short guide for boards', url: 'https://example.org/funmilayo/spc-for-boards' },
    ],
  },
  {
    key: 'marcia-henry-douglas',
    displayName: 'Marcia Henry-Douglas',
    pronouns: 'she/her',
    headline: 'Head of quality improvement and co-production at a community trust, district nurse by background',
    bio: "I'm head of quality improvement at a community health trust in south London, and I trained as a district nurse. I lead our QI faculty, run large-scale improvement collaboratives and built a paid patient partner programme that makes co-production the norm rather than the exception. I'm interested in how improvement methods, rigorous evaluation and lived experience together can narrow inequalities in care.",
    careerStage: 'senior',
    categories: ['improvement', 'leadership'],
    skills: [
      'co-production',
      'pdsa-cycles',
      'improvement-evaluation',
      'inclusive-leadership',
      'change-management',
    ],
    stories: [
      {
        title: 'A seat at the table, and a chair for someone else',
        body: "When I was first invited to a quality committee, I spent the whole meeting worrying I'd been asked to tick a box. A non-executive director told me afterwards that she'd noticed, and that the box only mattered if I stayed silent. The next time I went I brought a patient partner with me, and I've brought someone new ever since.",
      },
    ],
    languages: ['en'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'anjali-venkatesh',
    displayName: 'Anjali Venkatesh',
    pronouns: 'she/her',
    headline: 'Head of product at a digital therapeutics company, from discovery to NHS procurement',
    bio: "I lead product for a company building digital tools for people living with diabetes and other long-term conditions. I've taken products from discovery through DTAC assessment, clinical safety sign-off and NHS procurement, and I manage a team of four product managers. I can help you shape a product strategy, prioritise ruthlessly and negotiate your way through the NHS assurance landscape.",
    careerStage: 'senior',
    categories: ['digital-health', 'leadership'],
    skills: ['product-management', 'clinical-safety', 'negotiation', 'coaching', 'stakeholder-engagement'],
    stories: [
      {
        title: 'Slide three',
        body: 'At my first investor pitch I was the only woman of colour in a room of forty, and I lost my thread on slide three. I put the clicker down and talked about the diabetes nurse whose frustration with paper diaries started the whole product, and that was the part they remembered. I now coach new product leads to start with the people, not the pitch deck.',
      },
    ],
    languages: ['en', 'te'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'hui-min-tan',
    displayName: 'Hui Min Tan',
    pronouns: 'she/her',
    headline: 'Principal user researcher leading research operations and inclusive research for NHS services',
    bio: "I'm a principal user researcher at a national health body, leading a community of thirty researchers and running research operations, consent and participant recruitment. I've worked on services from appointment booking to screening invitations, and I specialise in accessible, inclusive research with people who have low digital confidence. I enjoy helping improvement teams plan research they can actually do in a fortnight.",
    careerStage: 'senior',
    categories: ['digital-health', 'improvement', 'leadership'],
    skills: ['user-research', 'accessibility', 'co-production', 'inclusive-leadership', 'mentoring'],
    stories: [
      {
        title: "Research in my aunt's coffee shop",
        body: "Growing up in Penang, I spent afternoons in my aunt's coffee shop listening to regulars talk about everything from bus routes to their doctors. Years later I realised I had been practising contextual inquiry since I was eight. I still believe the best research happens where people feel at home, not behind a one-way mirror.",
      },
    ],
    languages: ['en', 'ms', 'zh'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'maricel-dela-cruz-reyes',
    displayName: 'Maricel Dela Cruz-Reyes',
    pronouns: 'she/her',
    headline: 'EPR programme director and former theatre nurse, leading digital change across three hospitals',
    bio: 'I came to the UK from Manila as an internationally recruited theatre nurse and now direct the electronic patient record programme for a group of three hospitals in the south east. I lead change management, clinical engagement and benefits realisation, and I have learned the hard way that go-live is the start, not the finish. I am happy to talk about large-scale change, stakeholder engagement, process mapping before go-live and treating staff as co-designers.',
    careerStage: 'senior',
    categories: ['leadership', 'digital-health', 'improvement'],
    skills: ['change-management', 'stakeholder-engagement', 'process-mapping', 'inclusive-leadership'],
    stories: [
      {
        title: 'The night before go-live',
        body: 'The night before our first go-live I walked every ward with a flask of tea and a list of super-users. On one ward a healthcare assistant told me quietly, in Tagalog, that nobody had shown the night staff the new handover screen. We fixed it together by four in the morning, and since then I always ask who has not yet been in the room.',
      },
    ],
    languages: ['en', 'fil'],
    timeZone: 'Europe/London',
    links: [],
  },

  // ── executive ──────────────────────────────────────────────────────────────────────────────
  {
    key: 'rukhsana-qureshi',
    displayName: 'Dr Rukhsana Qureshi',
    pronouns: 'she/her',
    headline: 'Chief clinical information officer (CCIO) and consultant geriatrician at an acute trust',
    bio: "I'm chief clinical information officer at an acute trust in the north west and still practise as a consultant geriatrician two days a week. I lead clinical digital strategy, chair our digital design authority and sit on the board's digital committee, where clinical safety and change management are standing items. My passions are clinician-led design, safe use of data and bringing more women of colour into clinical informatics leadership.",
    careerStage: 'executive',
    categories: ['leadership', 'digital-health'],
    skills: ['board-level-influence', 'inclusive-leadership', 'clinical-safety', 'change-management', 'mentoring'],
    stories: [
      {
        title: 'Five minutes, forty slides',
        body: "At my first trust board meeting as CCIO I had prepared a forty-slide deck and was given five minutes. I panicked, skipped to the one slide showing nursing time saved per shift, and sat down. The chair said it was the clearest digital update she'd had in years, and I learned that board-level influence is mostly about what you leave out.",
      },
      {
        title: 'Why I still run a clinic',
        body: 'People ask why a CCIO still runs an outpatient clinic. The honest answer is that my older patients keep me humble about technology; one gentleman told me his hearing aid was easier to set up than our patient portal. Every design decision I make still passes through that clinic room first.',
      },
    ],
    languages: ['en', 'ur', 'pa'],
    timeZone: 'Europe/London',
    links: [
      { label: 'Talk: clinicians at the design table', url: 'https://example.com/talks/clinicians-design-table' },
    ],
  },
  {
    key: 'patrice-okonkwo-grant',
    displayName: 'Patrice Okonkwo-Grant',
    pronouns: 'she/her',
    headline: 'Chief nursing information officer (CNIO) championing nursing informatics and staff digital skills',
    bio: "I'm the chief nursing information officer for a large mental health and community trust, and I've been a nurse for twenty-five years. I lead the nursing, midwifery and allied health professional voice in our digital programme, from electronic observations to the design of our shared care record. I also chair a regional network for nurse informaticians and care deeply about staff digital inclusion, coaching and inclusive leadership.",
    careerStage: 'executive',
    categories: ['leadership', 'digital-health'],
    skills: ['inclusive-leadership', 'coaching', 'board-level-influence', 'digital-inclusion', 'change-management'],
    stories: [
      {
        title: 'Not having to pick a lane',
        body: "My mum was a Jamaican midwife and my dad a Nigerian engineer, and I spent my twenties thinking I had to choose between caring and technology. Becoming a CNIO meant I didn't have to. I tell the nurses I coach that they don't have to pick a lane either.",
      },
    ],
    languages: ['en'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'meera-chandrasekaran',
    displayName: 'Meera Chandrasekaran',
    pronouns: 'she/her',
    headline: 'Chief digital and information officer at an integrated care board: shared care records and data strategy',
    bio: "I'm chief digital and information officer for a London integrated care board, responsible for the shared care record, our population health data platform and digital strategy across the system. Before the NHS I led technology teams in financial services, which taught me negotiation, governance and how to run large programmes. I'm happy to help people prepare for interviews, board papers and difficult conversations with suppliers about interoperability.",
    careerStage: 'executive',
    categories: ['leadership', 'digital-health'],
    skills: [
      'board-level-influence',
      'negotiation',
      'stakeholder-engagement',
      'information-governance',
      'interoperability-hl7',
    ],
    stories: [
      {
        title: 'From counting to sponsoring',
        body: 'For years I counted how many women of colour were at every leadership away-day; usually the answer was one, and it was me. When I joined an executive team I stopped counting and started sponsoring, and two analysts I backed now hold senior roles. Counting is a way of noticing, but sponsorship is a way of changing the number.',
      },
    ],
    languages: ['en', 'ta'],
    timeZone: 'Europe/London',
    links: [],
  },
  {
    key: 'chioma-uzor-hart',
    displayName: 'Chioma Uzor-Hart',
    pronouns: null,
    headline: 'Chief executive of a digital health skills charity and NHS non-executive director, Lagos and London',
    bio: "I'm chief executive of a charity that builds digital health skills among women in Nigeria and the UK, and a non-executive director on the board of an English community health trust. My background is in public health informatics and programme evaluation. I can help you with governance, board dynamics, public speaking, fundraising conversations and evaluating an improvement programme so funders believe the results.",
    careerStage: 'executive',
    categories: ['leadership', 'improvement'],
    skills: ['board-level-influence', 'negotiation', 'public-speaking', 'improvement-evaluation', 'mentoring'],
    stories: [
      {
        title: 'The phone call after the first no',
        body: 'Our first grant application was rejected with a two-line email, and I nearly gave up on the charity. A mentor made me ring the funder and ask why; the answer was that our evaluation plan was vague. We rewrote it with a proper logic model, were funded the next round, and I have paid that phone call forward ever since.',
      },
    ],
    languages: ['en', 'ig'],
    timeZone: 'Africa/Lagos',
    links: [],
  },
];
