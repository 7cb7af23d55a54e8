"""The words of a union's FAQ: slang, stop words and concepts shared by English and Spanish.

Everything here is general knowledge of how members write about a strike, a contract and
this bot, in either language; none of it names a particular FAQ's entries. Concepts and
phrases grown to fix particular test questions were removed (issue 13); add a word only
if any union's members would use it for that concept, never to fix one question from a
test set (docs/faq.md, "How the lexicon was chosen"). A concept is a
set of words and phrases that mean the same thing to a member asking a question; the
analyzer adds the concept's term beside the word's own stem, on both the FAQ side and the
question side, so "my sup", "mi supervisora" and "manager" meet on one term.

Format of CONCEPTS: one concept per line, `name: english, words | spanish, words`; an
indented line continues the one above.
Phrases are written with spaces; words are matched after folding (lower case, no accents)
and stemming, so one form of a word is enough.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


# Texting shorthand and abbreviations, replaced before anything else (token -> words).
SLANG: dict[str, str] = {
    "r": "are",
    "u": "you",
    "ur": "your",
    "ya": "you",
    "w": "with",
    "wo": "without",
    "b4": "before",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "bcuz": "because",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ty": "thanks",
    "ppl": "people",
    "pt": "patient",
    "pts": "patients",
    "sup": "supervisor",
    "supe": "supervisor",
    "supv": "supervisor",
    "mgr": "manager",
    "mgmt": "management",
    "ins": "insurance",
    "amt": "amount",
    "hrs": "hours",
    "min": "minutes",
    "mins": "minutes",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrrw": "tomorrow",
    "tmw": "tomorrow",
    "tonite": "tonight",
    "wk": "week",
    "wks": "weeks",
    "yr": "year",
    "yrs": "years",
    "mo": "month",
    "mos": "months",
    "dept": "department",
    "depts": "departments",
    "tx": "treatment",
    "dx": "diagnosis",
    "appt": "appointment",
    "appts": "appointments",
    "dm": "message",
    "dmed": "messaged",
    "dms": "messages",
    "pm": "message",
    "pmed": "messaged",
    "insta": "instagram",
    "ig": "instagram",
    "fb": "facebook",
    "wat": "what",
    "wut": "what",
    "whats": "what is",
    "hows": "how is",
    "wheres": "where is",
    "whens": "when is",
    "whos": "who is",
    "whys": "why is",
    "cant": "can not",
    "cannot": "can not",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "wont": "will not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "havent": "have not",
    "hasnt": "has not",
    "shouldnt": "should not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "theyre": "they are",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "kinda": "kind of",
    "lemme": "let me",
    "idk": "i do not know",
    "rn": "right now",
    "asap": "soon",
    "mon": "monday",
    "tues": "tuesday",
    "tue": "tuesday",
    "weds": "wednesday",
    "thurs": "thursday",
    "thur": "thursday",
    "thu": "thursday",
    "fri": "friday",
    "socal": "southern california",
    "norcal": "northern california",
    "cal": "california",
    "calif": "california",
    "ca": "california",
    "edd": "unemployment",
    "ui": "unemployment",
    "sdi": "disability",
    "cba": "contract",
    "ta": "tentative agreement",
    "ulp": "unfair labor practice",
    "info": "information",
    "pic": "photo",
    "pics": "photos",
    "pix": "photos",
    "q": "question",
    "qs": "questions",
    "msg": "message",
    "msgs": "messages",
    "notifs": "notifications",
    "notif": "notification",
    "addr": "address",
    # Spanish texting
    "xq": "por que",
    "pq": "por que",
    "tb": "tambien",
    "tmb": "tambien",
}

# Words that say nothing about which FAQ entry is meant (English and Spanish, folded).
STOP_WORDS: frozenset[str] = frozenset(
    _words(
        """
        a about above after again against all also am an and another any anyone anything anyway
        are around as at be because been before being below between both but by can could did do
        does doing done down during each else even ever every everyone everything few for from
        further get gets getting got had has have having he her here hers him his how i if in
        into is it its itself just let me might mine more most much must my myself no nor not
        now of off ok okay on once only or other others our ours ourselves out over own please
        same she should so some someone something such than thank thanks that the their theirs
        them themselves then there these they this those through to too under until up us very
        was we were what whatever which while who whom whose will with would you your yours
        yourself yourselves really honestly actually basically literally seriously totally
        pretty quite like just gonna going want wanna need know think guess wonder wondering say
        saying said tell told ask asking asked hi hello hey yo lol omg guys folks ya yeah yes
        yep nope um uh hmm anyway anyways thing things stuff kind sort lot lots many today
        tomorrow tonight yesterday currently right away soon again still already yet make makes
        made way ways able sure etc something maybe also back go goes went come comes came take
        takes took give gives gave put puts see saw look looking question questions
        help wondering know knows anybody somebody ill el la los las un una unos unas lo le les
        de del al a en y e o u que por para con sin mi mis tu tus su sus nuestro nuestra
        nuestros nuestras me te se nos os es son ser soy eres somos esta estan estamos estoy
        esto eso este ese esa esas esos estos estas hay como muy mas pero si ya yo tu usted
        ustedes ellos ellas el ella nosotros puedo puede pueden podemos poder va van voy vamos
        hacer hago hace quiero quieres necesito necesita saber se sabe alguien algo todo todos
        toda todas cual cuales quien quienes hola gracias favor porfa bueno buena buen bien
        tambien aqui ahi alli ahora hoy manana entonces pues sobre entre hasta desde durante
        otro otra otros otras
        per via upon onto toward towards within among across along despite except since
        unlike versus vs
        """
    )
)

# One concept per line: name: english words and phrases | spanish words and phrases.
CONCEPTS = """
strike: strike, striking, struck, strikes, walkout, walk out, work stoppage, on strike, out on
    strike | huelga, huelgas, huelguista, huelguistas, paro, en huelga
picket: picket, picketing, picket line, picket lines, line, lines, protest, protesting, rally,
    march, demonstration | piquete, piquetes, protesta, protestar, marcha, linea de piquete
why: why, reason, reasons, purpose, what for, how come | por que, porque, razon, razones, motivo,
    motivos
when: when, what time, what hours, which hours, what days, which days, date, dates, timing,
    schedule, schedules, scheduled, times, day, days, deadline | cuando, a que hora, que hora,
    fecha, fechas, horario, horarios, dia, dias, plazo
hour: hour, hours | hora, horas
where: where, location, locations, located, address, addresses, place, places, which site, which
    sites, which hospital, which hospitals, which clinic, which clinics | donde, adonde, ubicacion,
    ubicaciones, direccion, lugar, lugares
duration: how long, duration, until when, end date, open ended, open-ended | cuanto tiempo,
    duracion, durar, dura, durara, hasta cuando
end: end, ends, ended, ending, over, finish, finished, expire, expired, expires, expiration,
    expiry, run out, lapse, lapsed | terminar, termina, termino, fin, final, vencer, vencio, vence,
    expirar, expiro, acabar, acaba
amount: how much, amount, rate, rates, total, sum | cuanto, cuanta, cantidad, monto, tarifa
pay: pay, paid, paying, payment, payments, paycheck, paychecks, pay check, strike check, strike
    checks, strike pay, wage, wages, salary, compensation, stipend, earn, earnings, income | pago,
    pagos, pagar, pagan, paga, pagado, sueldo, salario, ingreso, ingresos, cheque, cheques, cobrar
money: money, cash, dollar, dollars, funds, financial, financially, finances | dinero, plata,
    fondos, economico, economica
fund: fund, funds, strike fund | fondo, fondos, fondo de huelga
missing: missing, did not get, did not receive, have not received, has not received, never got,
    never received, not received | no recibi, no me llego, no ha llegado, falta, faltante
hardship: hardship, hardships, struggling, struggle, can not afford, afford, broke, rent, bills,
    utilities, groceries, food, evicted, eviction | dificultad, dificultades, apuros, renta,
    alquiler, cuentas, comida, desalojo
emergency: emergency, emergencies, urgent, urgently, immediately | emergencia, urgente, urgencia
donate: donate, donates, donating, donation, donations, donor, donors, contribute, contribution,
    contributions, chip in, give money, send money, fundraiser, fundraising, gofundme | donar,
    donacion, donaciones, donativo, aportar, aporte, contribuir, contribucion
family: family, families, friend, friends, mom, mother, dad, father, parent, parents, cousin,
    cousins, sister, brother, spouse, husband, wife, partner, relative, relatives, grandma,
    grandpa, neighbor, neighbors | familia, familiar, familiares, amigo, amiga, amigos, mama, papa,
    madre, padre, padres, esposo, esposa, pareja, primo, prima, hermano, hermana, vecino
public: public, supporters, supporter, allies, outsiders | publico, comunidad, simpatizantes
child: child, children, kid, kids, baby, babies, newborn, infant, toddler, son, daughter,
    childcare, child care, daycare, caregiving, caregiver, caretaker | hijo, hija, hijos, hijas,
    bebe, nino, nina, ninos, ninas, guarderia, cuidado de ninos, cuidadora, cuidador
disability: disability, disabilities, disabled, accommodation, accommodations, accessible,
    accessibility, injury, injured, pregnant, pregnancy, chronic, illness, sick, health issue,
    health condition, medical condition, wheelchair, mobility | discapacidad, discapacitado,
    lesion, lesionado, embarazada, embarazo, enfermedad, enfermo, enferma
alternative: alternative, alternatives, alternate, instead, other duties, other ways, without
    picketing, phone bank, phone banking | alternativa, alternativas, otras tareas, en lugar de
rules: rule, rules, allowed, allow, permitted, permission, behavior, behave, conduct, etiquette |
    regla, reglas, permitido, permiten, comportamiento, conducta
block: block, blocking, blocked, door, doors, doorway, entrance, entrances, driveway, driveways, in
    front of, obstruct | bloquear, bloqueo, puerta, puertas, entrada, entradas
security: security, guard, guards, police, cop, cops | seguridad, guardia, guardias, policia
argue: argue, arguing, argument, confront, confrontation, yell, yelling, fight, fighting, heckle,
    heckling, shout | discutir, pelear, gritar, confrontar
crossing: cross, crosses, crossing, crossed, scab, scabs, scabbing, went in, go in, going in,
    strikebreaker, strikebreakers, break the strike, cross the line | esquirol, esquiroles, cruzar,
    cruzo, rompehuelgas
coworker: coworker, coworkers, co-worker, co-workers, colleague, colleagues, teammate, teammates,
    fellow | companero, companera, companeros, companeras, colega, colegas
return: return, returns, returning, go back, going back, going back to work, go back to work, went
    back to work, come back to work, getting back to work, goes back, went back, back to work, come
    back, coming back, return to work | regresar, regreso, volver, vuelta, regresamos, volvemos,
    volver al trabajo
manager: manager, managers, management, supervisor, supervisors, boss, bosses, hr, human resources,
    director, administrator, administration | supervisor, supervisora, jefe, jefa, gerente,
    gerencia, director, directora, administracion, recursos humanos
employer: employer, employers, management, company, corporation, executives | empleador, empresa,
    patron, compania, administracion
contact: contact, contacts, contacted, contacting, call, calls, called, calling, text, texts,
    texting, texted, email, emails, emailed, message, messages, messaged, messaging, reach out,
    reached out, talk to, speak to, phone | contactar, contacto, llamar, llamo, llamada, llamadas,
    mensaje, mensajes, correo, escribir, escribio, hablar
respond: answer, respond, reply, response, get back to | contestar, contestarle, contesto,
    responder, responderle, respuesta
required: required, require, requires, have to, has to, must, obligated, obligation, mandatory,
    forced, need to | obligado, obligada, obligatorio, tengo que, tiene que, debo, deber
retaliation: retaliation, retaliate, retaliated, retaliating, reprisal, reprisals, punish,
    punished, punishment, discipline, disciplined, disciplinary, write up, write me up, written up,
    writeup, threaten, threatened, threatening, threat, threats, fire me, fired, lose my job, lose
    job, lose our jobs, terminate, terminated, termination, intimidate, intimidated, intimidation,
    harass, harassed, harassment, punitive, unfair labor practice | represalia, represalias,
    castigo, castigar, amenaza, amenazas, amenazo, despedir, despido, despedido, intimidar, acoso
report: report, reporting, reported, file a complaint, complaint, complain | reportar, reporte,
    denunciar, denuncia, queja
press: press, reporter, reporters, journalist, journalists, media, news, newspaper, interview,
    interviews, tv, television, radio, camera, cameras | prensa, periodista, periodistas,
    reportero, reportera, medios, entrevista, entrevistas, noticias, television
social: social media, post, posts, posting, posted, tweet, tweets, tweeting, twitter, instagram,
    facebook, tiktok, threads, online, repost, share online | redes sociales, redes, publicar,
    publicacion, subir
photo: photo, photos, picture, pictures, image, images, video, videos, selfie, selfies | foto,
    fotos, imagen, imagenes, video
patients: patient, patients, client, clients, consumers | paciente, pacientes, cliente, clientes
crisis: crisis, suicidal, suicide, self harm, danger, dangerous, high risk, at risk, unsafe |
    crisis, suicida, suicidio, peligro, riesgo
ethics: ethics, ethical, ethically, unethical, moral, morally, immoral, guilty, guilt, abandon,
    abandoning, abandonment, code of ethics | etica, etico, etica profesional, moral, culpa,
    culpable, abandonar
health: health insurance, insurance, medical, medical insurance, health plan, health coverage,
    coverage, covered, dental, vision, cobra, premiums, premium, benefits, benefit | seguro, seguro
    medico, seguro de salud, cobertura, medico, dental, beneficios, prestaciones
continue: keep, still have, continue, continues, continued, remain, lose, losing, lost, cut off,
    cut, drop, dropped, cancel, cancelled, canceled, stop | seguir, sigo, sigue, seguir teniendo,
    sigo teniendo, todavia tengo, mantener, perder, pierdo, cortar, cancelar
unemployment: unemployment, unemployment insurance, unemployment benefits, jobless, unemployed |
    desempleo, desempleado, paro laboral
reimburse: reimburse, reimbursed, reimbursement, refund, refunded, pay back, paid back, repay |
    reembolso, reembolsar, reembolsan, devolver
vote: vote, votes, voted, voting, ballot, ballots, election, elections, elect, poll | voto, votos,
    votar, votacion, votaciones, boleta, boletas, papeleta, eleccion
secret: secret, secrecy, anonymous, anonymously, anonymity, private, privately, privacy,
    confidential, confidentiality, confidentially | secreto, secreta, anonimo, anonima, privado,
    privada, privacidad, confidencial
receipt: receipt, receipts, confirmation, confirmation code, code, codes, counted, proof | recibo,
    comprobante, confirmacion, codigo, codigos, contado
survey: survey, surveys, questionnaire, questionnaires, form | encuesta, encuestas, cuestionario
verify: verify, verified, verification, verifying, prove, proof of membership, link my account,
    sign in, log in, login | verificar, verificacion, verificado, comprobar
member: member, members, membership, union member | miembro, miembros, membresia, afiliado,
    afiliada, afiliados, socio
worksite: worksite, worksites, work site, site, sites, clinic, clinics, hospital, hospitals,
    medical center, medical centers, facility, facilities, office, offices, workplace, location |
    clinica, clinicas, hospital, hospitales, sitio, sitios, centro medico, oficina, lugar de
    trabajo
change: change, changed, changing, update, updated, updating, edit, modify, switch, switched,
    moved, transfer, transferred, new clinic | cambiar, cambio, cambie, actualizar, modificar,
    mudar, transferir
settings: settings, setting, profile, preferences, preference, account | configuracion, perfil,
    ajustes, preferencias, cuenta
language: language, languages, spanish, english, translate, translation | idioma, idiomas, lengua,
    espanol, ingles, traducir
mute: mute, muted, unmute, silence, silent, turn off, switch off, unsubscribe, opt out,
    notifications, notification, alerts, pause | silenciar, silencio, notificaciones, notificacion,
    desactivar, apagar, dejar de recibir, alertas
data: data, information, personal information, personal data, store, stored, storing, track,
    tracking, tracked, collect, collected, records, record | datos, informacion, guardar, guardan,
    rastrear, registros
steward: steward, stewards, union rep, rep, reps, representative, organizer, organizers, real
    person, human | delegado, delegada, delegados, representante, organizador, organizadora,
    persona real
help: help, support, assistance, assist, aid, resources | ayuda, ayudar, apoyo, asistencia,
    recursos
signup: sign up, signup, sign-up, register, registration, enroll, join, pick up, swap, swapping,
    trade shifts | inscribir, inscribirme, inscripcion, apuntar, apuntarme, registrar, registrarme,
    cambiar turno
shift: shift, shifts, slot, slots | turno, turnos
weekend: weekend, weekends, saturday, saturdays, sunday, sundays | fin de semana, fines de semana,
    sabado, sabados, domingo, domingos
weekday: weekday, weekdays, monday, tuesday, wednesday, thursday, friday | lunes, martes,
    miercoles, jueves, viernes, entre semana
staffing: staffing, understaffed, understaffing, short staffed, short-staffed, shortage, shortages,
    ratio, ratios, staffing levels | escasez, falta de personal
workload: workload, workloads, caseload, caseloads, case load, overloaded, overworked, burnout,
    burned out, burnt out | carga de trabajo, carga, casos, agotamiento, agotado
turnover: turnover, quit, quits, quitting, left, resign, resigned, resigning, resignation,
    retention, attrition, leave the job, leaving the job | renuncia, renuncias, renunciar,
    renunciaron, rotacion, se fueron
pension: pension, pensions, retirement, retire, 401k | pension, pensiones, jubilacion, retiro
hire: hire, hired, hiring, new hire, new hires | contratado, contratada, contratacion, nuevo
    empleado
therapist: therapist, therapists, clinician, clinicians, psychologist, psychologists, counselor,
    counselors, social worker, social workers, provider, providers, mft, lcsw, psychiatrist,
    psychiatrists | terapeuta, terapeutas, psicologo, psicologa, psicologos, clinico, consejero,
    consejera, trabajador social, trabajadora social
contract: contract, contracts, agreement, agreements, tentative agreement, collective bargaining
    agreement | contrato, contratos, convenio, acuerdo, acuerdos
bargaining: bargaining, bargain, negotiation, negotiations, negotiate, negotiating, talks,
    bargaining table, at the table | negociacion, negociaciones, negociar
offer: offer, offers, offered, proposal, proposals, proposed, propose, on the table, put on the
    table | oferta, ofertas, propuesta, propuestas, ofrecio, ofrecen, ofrecieron
demand: demand, demands, asking for, goals, goal, fighting for | exigencia, exigencias, demanda,
    demandas, pedimos, peticiones
tax: tax, taxes, deductible, tax deductible, irs | impuesto, impuestos, deducible
legal: legal, illegal, law, laws, lawful, unlawful, lawyer, lawyers, attorney, rights, protected,
    nlrb, perb | legal, ilegal, ley, leyes, abogado, abogados, derechos
percent: percent, percentage, % | por ciento, porcentaje
mentalhealth: mental health, behavioral health | salud mental
bot: bot, this bot, the bot, app | bot, aplicacion
apply: apply, applying, application, file, filing, file for, request, requests, collect, qualify,
    eligible, eligibility | pedir, solicitar, solicitud, aplicar, calificar, elegible
document: document, documents | documento, documentos, firmar
"""
