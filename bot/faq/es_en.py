"""FreeDict Spanish-English word pairs (GPL-2.0-or-later): see bot/faq/bilingual.py."""

PAIRS = """
abad abbot archimandrite
abadesa abbess
abadia abbey
abajo below downstairs underneath
abandonar cede relinquish yield abandon
abastacimiento catering
abatido dejected depressed
abdicar abdicate resign
abece alphabet abc elements rudiments
abedul birch
abeja bee
abeto fir
abierto open
abismo abyss chasm gulf precipice
abjurar abjure forswear renounce swear
abogado advocate barrister counsel intercessor
abolas bearing
abolicion abolition abrogation
abolir abolish abrogate remove get
abominable abhorrent abominable alien awful
abonado subscriber
abonar fertilize
abonarse subscribe subscribeto
abono subscription dressing fertilization manuring
abordaje collision
abordar land crashinto collide crash
abordo aboard
aborto abortion miscarriage
abrazar embrace hug
abrelatas can tin
abreviacion abbreviation
abreviar abbreviate abridge shorten
abreviatura abbreviation
abridordetapones bottle
abrigo cloak mantle coat overcoat
abril april
abrir open openup
abrogar abolish abrogate remove get
absceso abscess
absoluto absolute
abstinencia teetotalism totalabstinence total
abuela grandmother
abuelo grandfather
aburrido boring stodgy tiresome
aburrir bore
acabado finishingoff completed done finished
acabar finish workout accomodate end
academia academy
acampar camp campout lie
acariciar caress chuck fondle stroke
acaso accidence chance hazard
accidente accident
accion action activity achievement act
accionista shareholder
acechar setatrapfor set
aceite oil
aceitedeoliva oil olive
aceituna olive
acelerador accelerator acceleratorpedal
acento accent stress supersign
acentuar accent accentuate stress
aceptable acceptable
aceptacion acceptance admission
aceptar accept receive take takein
acera pavement sidewalk
acercarse advance comeon come
acero steel
acertar catch hit strike run
achicoria chicory
acidezdeestomago heartburn
acoger greet salute
acogida greeting salutation
acometer commitaggression assault attack violate
acometida access aggression attack
acomodado well
acomodar accomodate adapt adjust attune
acompanamiento accompaniment escort
acompanar accompany
aconsejar advise counsel
acontecer become grow happen occur
acontecimiento chance event occurence opportunity
acordar accede agree consent
acordarse think
acorde accord accordance agreement concurrence
acordeon accordion
acortar abbreviate abridge shorten
acostar puttobed put
acostarse gotobed
acostumbrarse getused accustom get
acta act certificate diploma document
activo active inaction assets hardworking
actor actor
actriz actress
actual current present topical
actualmente now
acuadros checked chequered
acuarela water
acuario aquarium
acuerdo accord accordance agreement concurrence
acumulador accumulator battery storagebattery storage
acusacion accusal accusation charge complaint
acusado accused defendant
acusar accuse denounce
adan adam
adaptar accomodate affiliate adapt adjust
adelantar overhaul overtake pass
adelante ahead foreward
adelgazar lose loseinweight fall
ademas besides moreover
ademasde apart besides except
adiestrar tame train break
adios adieu farewell bye goodbye
adivinar guess
adjetivo adjective
administracion administration management
administraciondelsacramento administration
administrador manager administrator
administrar administer manage
admirar admire
admisible acceptable
admitir accept receive take takein
adoptar adopt
adoptivo adopted
adoracion adoration worship
adorar adore worship
adornado adorned
adquisicion accession acquisition gain asset
aduana customs
adular flatter
adverbio adverb
advertidordeincendios fire firecall
adyacente adjacent adjoining nearby neighbouring
aeroplano aeroplane airplane plane
aeropuerto aerodrome airdrome airfield airport
aerostato balloon air
afable lovable
afan attempt effort efforts tension
afectacion affectation
afectar affect
afectuosidad adherence attachment affection attachement
afectuoso affectionate devoted selfless
afeitar shave
aficionado amateur fancier
afilado acerbic sharp
afligido sad bleak dismal dreary
afligir afflict grieve distress givepainto
africa africa
africana africanwoman
africano african
agarrar grasp clutch grapple
agata agate
agencia agency
agenciadeviaje tourist travel
agenda agenda appointmentbook appointment
agente agent
agil adroit clever dexterous skillful
agilidad expertness skilfulness skill skillfulness
agosto august
agotado exhausted wornout tired worn
agradable agreeable enjoyable lovely nice
agradar please
agradecer thank
agrado pleasure
agrario agrarian agricultural farm
agresion access aggression attack assault
agresor aggressor assailant attacker
agridulce sweet
agrio acetous acid sour tart
agua water
aguadolce fresh
aguadulce fresh
aguapotable drinking
aguardar bide abide wait await
aguas spa
agudo acute acerbic sharp
aguero indication omen portent precursor
aguijon sting
aguila eagle
aguja needle
agujero hole
ahi over there yon yonder
ahogarse drown
ahora now currently nowadays thesedays
ahoramismo immediately just right
ahumado smoked
aire air
aireacondicionado air
aislado remote
aislamiento insulation isolation separation
aji chilli
ajo garlic leek
ajuar furniture
ajustar makeacontract adjust make
ala wing
alabar commend laud praise
alambre wire ironwire
alamo poplar
alargar give hand handover extend
alarma alarm
albaricoque apricot
albaricoquero apricot
albergue hostel inn
alberguejuvenil youth
album album
alcachofa artichoke
alcade mayor burgomaster provost
alcanzable accessible
alcanzar achieve acquire attain get
alcazar fortification
alcohol alcohol booze liquor spirits
alcoholdequemar methylated
alcontrario reverse reversed
alcoran koran
aldea village
aldorso behind
alegre happy glad
alegria gladness joy
alejandro alexander
aleman german germanlanguage
alemana german germanwoman
alemania germany
alentar encourage
aleta fin
alfabeto alphabet abc elements rudiments
alfiler pin needle
alfin finally ultimately
alfombra carpet
algebra algebra
algo anything something
algodon cotton
alguien any anybody some somebody
alguno any anybody some somebody
alhaja adornment decoration ornament
aliento breath
alimentar feed nourish
alimento food nourishment
alistar recruit
alli over there yon yonder
alma soul
almacen warehouse
almanaque almanac
almeja mussel
almendra almond
almibar syrup
almirante admiral
almohada pillow cushion
almorranas haemorhoids
almorzar lunch
almuerzo lunch snack
alojamiento accommodation
alojarse staywith stay stop
alondra lark
alpes alps
alpresente currently nowadays these
alprincipio first firstly
alquilado hiredout hired
alquilar let hire rentout rent
alquitran tar
alrededores environment environs surroundings
alreves reverse reversed vice
altar altar
alternar alternate
alternativa alternation
altitud altitude height
alto contralto contraltovoice high lofty
altura height
alturabarometrica barometer height
alumbrado lighting
alumbrar illuminate light
alumbre alum
aluminio aluminium aluminum
amable affable friendly kind dainty
amainar abate weaken decrease diminish
amanecer dawn daybreak
amar love
amargo acerbic bitter
amarillo yellow
amarradero pier landing
amasadura massage
amazona amazon
ambaramarillo amber
amberes antwerp
ambos both
amen amen
amenaza menace threat
amenazar menace threaten
amende apart besides except
amenudo frequently often regularly
america america
americana jacket
americano american
amerindio indian
amianto asbestos
amiga friend
amigo friend
amistad friendship
amnistia amnesty act
amo boss chief leader
amojonar trace traceout mark
amoniaco ammonia
amor affection love
amortiguador shock
amortizacion redemption
amortizar amortize deaden redeem pay
ampliacion aggrandizement enlargement increase
ampolla bulb blister
amputar amputate
amsterdam amsterdam
anales annals
analfabeto illiterate
ananas pineapple
anatema anathema ban excommunication
ancasderana frog
anchas comfort
ancho broad
anchoa anchovy
anchura width
anciano old
ancla anchor
anclar anchor
andalucia andalusia
andar march walk
andas litter strecher
anden platform quay wharf
andorra andorra
anecdota anecdote
anexar annex
anexion annexation
anexionar annex
anguila eel
angulo angle
angustia agony anguish fear fright
angustioso afraid fearful
anillo ring
animacion encouragement
animal animal beast
animar encourage impel instigate stimulate
anis anise
ano anus arse year
anobisiesto leap
anoche lastnight last
anonchecer dusk
anonimo anonymous nameless withoutaname without
anormal abnormal
anotacion annotation note
anotar note writedown make
anteayer thedaybeforeyesterday the
antebrazo lower
antecedente antecedent
antena aerial antenna
anteriormente ahead formerly previously
antes before infrontof first firstly
anticongelante antifreeze
antideslizante non
antiguedad antiquity
antiguo ancient antique
antillas antilles
antiseptico antiseptic
anualidad instalment repayment
anualmente annual yearly
anudar tieon tie
anular cancel countermand abjure abolish
anunciacion annunciation ladyday lady
anunciar advertise announce givenotice advise
anuncio announcement notification notice advertisement
anzuelo hook
apagar extinguish putout put
aparador chest dresser
aparadordecocina dresser
aparato apparatus device set
aparatoparasordos hearing
aparcamiento parkinggarage parkingplace car lay
aparecer appear emerge perform
apariencia appearance
apartado paragraph remote
apartamento apartment flat
apartar divide separate turnaway turn
aparte apart particular separate special
apelacion appeal
apellido surname
apenas barely hardly scarcely only
apendice accessory addition adjunct appendix
aperitivo dram nip peg snifter
apestar reek smell stink
apetito appetite
apio celery turnip
aplaudir acclaim applaud clap
aplauso acclaim acclamation approval
apocalipsis apocalypse
apocrifo apocryphal
apoplejia fit seizure stroke strokeofapoplexy
aporrear thrash
apostar bet wager
apostata apostate
apostatar apostatize
apostol apostle
apoyarse lean
aprender learn
apresurarse hurry rush
apretar press oppress squeeze fasten
aprovechar avail utilize make turn
aprovecharse profit
aprovisionamiento arrival arrivals supply
aproximadamente about approximately
aproximarse advance comeon come
apuntar note writedown make
apunte annotation note
aque till until
aquisgran aix
arabe arabian arabic arab
arabesco arabesque
arabia arabia
arado plough
arana spider
arbol tree
arbusto bush shrub
arca ark box chest
archiduque archduke
archipielago archipelago
archivero archivist keeperoftherecords keeper
archivista archivist keeperoftherecords keeper
archivo archive archives files records
arcilla clay
arcoiris rainbow
arder burn
ardilla squirrel
arena arena sand
arenasmovedizas quicksand quicksands
arenque herring
arenqueahumado red
argel algiers
argelina algerianwoman
argelino algerian
argentina argentina argentinianwoman
argentino argentine argentinean
argumento argument plea
arido barren dreary
aristocrata aristocrat
arizona arizona
arma weapon
armar arm
armario cabinet closet cupboard sideboard
armarioparalibros bookcase
armarioropero clothes wardrobe
arquitecto architect
arrancar pick pluck tearoff start
arranque run
arreglar arrange tidy put
arreglo accommodation adjustment arrangement accord
arrendar hire
arrepentimiento repentance
arrestar arrest
arresto apprehension arrest detention
arriba above overhead upstairs
arriesgado adventurous hazardous risky
arriesgar hazard risk venture
arroba atpersand snail commercial
arrodillarse kneel
arrogante arrogant
arrojar result
arromar blunt
arroyo stream
arroz rice
arruinar ruin
arrurruz curry
arte art
arteria artery
artesania handiwork
articulo article commodity
articulosdecuero leather
artificial artificial
artilleria artillery
artillero artilleryman gunner
artista artist
artistico artistic
aruba aruba
arzobispado archbishopric
arzobispo archbishop
asaber that
asado roasted
asalter assault violate
asar roast toast
ascender ascend climb scale
ascendera amount
ascension ascensionday ascension
ascensor elevator lift
asediar besiege
asedio siege
asegurador insurer
asegurar insure affirm assure
asentir affirm assent sayyes say
asfalto asphalt
asi such thus like that
asia asia
asiamenor asia
asiatico asian asiatic
asicomo and together
asiento seat
asilo asylum
asir clutch grab grasp grip
asistencias alimony
asistente aid assistant helper
asma asthma wheeziness shortness
asombrar amaze
asombrarse marvel wonder
aspecto appearance aspect look sight
aspero coarse rough severe strict
aspid adder viper
aspirina aspirin
aster aster
astilla splinter
astrigenteantidiarrico adstringent
astronauta astronaut spaceman
astucia snare craft craftiness cunning
asturias asturias
astuto insidious malicious mischievous nasty
asumir guess presume suppose surmise
asunto affair business case matter
asusalud cheers good
atacador aggressor assailant attacker
atacar commitaggression assault attack commit
ataque access aggression attack assault
atenas athens athena athene
atencion acuity advertence advertency attention
atender advert watchoutfor pay watch
atendera advert look pay watch
atentado assault
atento attentive
aterrizaje landing
aterrizar land
atlantico atlantic
atlas atlas
atleta athlete
atletico athletic
atletismo athletics
atmosfera atmosphere
atmosferico atmospheric
atomizacion fission
atomo atom
atornillar screw
atracar land
atractivo attractive
atraer attract draw
atras behind intherear backward backwards
atrasado backward retarded mentally
atrasarse belate
atrasos arrears
atravesar cross transfer gobeyond
atravesde across beyond
atrayente attractive
atreverse dare
atropallamiento collision
atropellar collide run
atun tuna tunny
aturdir drug intoxicate stun stupefy
audiencia audience
aulamagna auditorium
aumentar accrue grow increase freshen
aumento accretion growth
aun still yet
aunque though although
ausencia absence
ausente absent
australia australia
australiano australian
austria austria
austriaco austrian
autobus bus autobus omnibus
autocrata autocrat absolute
autoestrada motorway motor
automatico automatic automoton
automovil car
autonomo autonomic autonomous
autopista motorway motor
autor author writer
autoridad authority
autorizacion authorization
autovia motorway turnpike super
avalancha avalanche
ave bird
aveces several sometimes
avellana hazelnut
avena oats
avenida avenue
aventajar exceed surpass
aventura adventure
aventurero adventurous adventurer
avergonzarse beashamed
averia brakedown damage
aversion abhorrence abomination horror aversion
aves birds fowl poultry
avestruz ostrich
aviacion aeronautics aviation
avido acquisitive eager greedy
avion aeroplane airplane plane aircraft
avisar caution warn
aviso warning notification notice
avispa wasp
axioma axiom
ayer yesterday
ayuda aid help
ayudante adjutant aid assistant helper
ayudar accomodate aid assist help
ayunar fast
ayuntamiento townhall city town
azada hoe
azafata stewardess
azteca aztec
azucar sugar
azucarero sugarbowl sugar
azul blue skyblue sky
azulejo tile
babero bib
babor portside port
babosa slug
bacalao cod codfish
bache pole cavity cave
bacteria bacterium
badajo clapper
bagatela trifle
bagazo bagasse
bahia bay
bailar dance
bailarindeballet ballet
baile ball dance
baja abatement decay
bajamar lowtide low
bajar getout descend godown decrease
bajo bass bassvoice low
bajorrelieve lowrelief bas low
bala bale
balance balancesheet balance
balancear rock swing balance poise
balanza scales
balaustrada balustrade banisters parapet railing
balcon balcony
baliza buoy beacon
balkanes balkans
ballena whale baleen whalebone busk
ballet ballet
balneario spa
baloncesto basketball
balotaje ballot balloting votingbyballot voting
balsamo balm balsam
baltico baltic
bambu bamboo
banador swimmingtrunks swimming
banar bathe
banarse bathe haveabath have
bancarrotaquiebra bankruptcy failure
banco bank bench
bandeja tray
bandera banner flag standard
bandido bandit
banero bathssuperintendant baths bath
bano bath
banquero banker bankmanager bank
banquete banquet feast
bar buffet bar pub
baranda rand
barato cheap inexpensive
barba beard chin
barbaro barbarian barbaric
barbero barber
barcelona barcelona
barco bark barque boat ship
barcoderemos row rowing
barcodevapor steamship
baritono baritone
barman barman bartender
barometro barometer
baron baron
baronesa baroness
barraca barrack barn shack shanty
barradechocolate bar
barrena bore
barrendero sweeper
barrer sweep
barricada barricade
barrio district neighbourhood quarter
barriobajo back slum
barro mud
basalto basalt whimstone
basar base
bastante rather some somewhat tosomeextent
bastar suffice
bastardo bastard
bastidor flat
basurero dump tip rubbishtip refuse
bata neglige undress
batalla action battle scuffle struggle
batallon battalion
batata yam sweet
bateria battery
batista batiste cambric lawn
baul trunk
baya berry
bayeta baize
bazar bazaar fair market
bazico basic
bebe baby
beber drink
bebida beverage drink
beige beige
belga belgian belgianwoman
belgica belgium
belleza beauty
bencina gasolene gasoline petrol
bengala bengal
berenjena aubergine brinjal eggfruit eggplant
berlin berlin
besar kiss
beso kiss
bestia animal beast
bestial beastly bestial
biblia bible
biblioteca library
bicarbonato bicarbonateofsoda bicarbonate
bicicleta bike cycle bicycle
bien okay well
bienvenida welcome
bife steak beefsteak
biftec steak beefsteak
bigoti moustache
bilis bile gall
billete bill ticket note
billetedebanco bank
billetedeentrada admission
billetedeequipaje luggage
billetedeidayvuelta return
billetedeltren railway train
billetedeviaje ticket
billeteporundia day
biquini bikini
birrete beret cap
bisnieta greatgranddaughter
bisnieto greatgrandson
biste steak beefsteak
bistec steak beefsteak
bizcocho bicuit biscuit cookie
blanco white blank
blocdenotas notepad
bloque block pad
blusa blouse
boca mouth
bocaarriba backward backwards
bocadillo roll sandwich
bocina hooter horn klaxon
boda wedding
boina beret
bola chunk clod lump bullet
boligrafo ballpointpen ballpoint
bolivia bolivia
bolsa hand
bolsadetrabajo employment labor labour
bolsaparabicicletas cycle
bolsaparasenoras lady vanity
bolso bag sack
bomba bomb pump
bombaatomica atom
bombaincendiaria incendiary
bombon bonbon bon
bondad goodness
boniato yam sweet
bonito affable friendly kind beautiful
borde border brim brink edge
borracho drunk intoxicated
bosque forest woods
bota boot
botademontana mountaineering
botella bottle
botelladegas gas
botica drugstore chemist
boticario chemist
boton button
botondepresion push
boxeador boxer
boya buoy
braguitas briefs
branquia gill
brasil brazil
brasilena brazilianwoman
brasileno brazilian
bravo brave courageous valiant
brazalete bracelet
brazo arm
brema bream
brezal heath
brillar shine
britanico british
britano briton
brochadeafeitar shaving
broma gag joke
bromear jest joke
bronco abrupt brutal gruff harsh
brujula compass
brumoso fuzzy misty
brusco abrupt
bruselas brussels
brusko brutal gruff harsh rough
bucear dive plunge sink
buenasnoches good
buenastardes good
bueno good nice okay
buenosdias good
bufalo buffalo
buho owl
bujia plug sparkplug spark
bula indulgence
bulgara bulgarianwoman
bulgaria bulgaria
bulgaro bulgarian bulgar
burdel brothel
burdeos bordeaux
burla gag joke
burro ass donkey
buscar fetch get pickup take
butaca armchair
butifarradehigado liver
buzon letterbox mailbox
cabal absolute complete entire overall
caballeria cavalry
caballero cavalier knight mister gentleman
caballo horse
caballopadre stallion
caballos horsepower
cabana cabin hut shack
cabeza head pate
cabina bathingbox barn shed stand
cabinatelefonica call phone telephone
cable cable
cablederemolque towing
cabra goat
cacahue peanut
cacahuete peanut
cacao cocoa
cacerola casserole saucepan
cacto cactus
cada all each every everybody
cadavez each every
cadena chain
cadenaantideslizante non
cadera hip
caer drop fall
caerenfermo fall
cafe cafe caf coffee
cafetera coffee
cafeteria cafetaria
caja fund till box chest
cajadecambios gear
cal lime
calabacin courgette zucchini
calabaza calabash gourd
calamar sepia
calcetin sock
calcular calculate count figure workout
caldo bouillon
calefaccion heating
calefaccioncentral central
calendario almanac
calentar heat stoke
calidad property quality
caliente warm hot
caliz goblet
callarse bequiet
calle street
calleja alley lane
callo corn
calmar appease calm quiet soothe
calmarse abate subside calmdown calm
calor heat
caloria calorie
calumniar slander
calzador shoe
calzoncillos drawers panties underpants
cama bed sleeping
camadematrimonio double
camara camera
camaradeaire inner tube
camaradepeliculas camera
camarera waitress dressing
camarero waiter
camarote cabin
cambiar alter change interchange swap
cambio variety change
camello camel
camilla litter strecher
camino path road way route
caminosinsalida blind cul
camion lorry truck
camisa shirt
camisadedeporte sports
camiseta shirt
camison night
camita bedstead
camitadenino child cot
camote yam sweet
campamento campingsite tentedcamp camping camp
campana hood suctionapparatus suction
campanilla bell blister
campesino farmer
camping campingsite camping
campo country countryside field
campodeportivo sports
camposanto cemetery graveyard
cana fishingrod fishing
canada canada
canadepescar fishing
canal canal channel
canape couch sofa
canario canary
cancion song
candelaria candlemas
candelero candlestick
candido guileless inoffensive
cangrejo crayfish crab
cansado tired
cansar jade overdrive override fag
cantabrico cantabrian
cantar sing
cantidad quantity amount sum
cantor singer
cantora singer femalesinger female
caos chaos tangle
caotico chaotic
capacidad ability capability fitness suitability
capaz able capable
capital capital metropolis
capitan boss chief leader
capitanear govern restrain command order
capitular capitulate surrender
capot bonnet hood
capsula capsule firing
cara face
caracol snail
carbon charcoal
carburador carburettor
cardo thisle
carga burden charge load
cargar burden load
cargo accusal accusation function charge
caricia caress chuck stroke
carnada bait
carnaval carnival
carne flesh meat attempt test
carnedecerdo pork
carnedecordero lamb
carnedeternera veal
carnedevaca beef
carnepicada minced
carnero ram tup mutton
carnesalada salted salt
carnestolendas carnival
carnet notebook attempt test
carnetdeconducir driving
carniceria butcher
carnicero butcher
caro dear expensive valuable costly
carrera career
carrete film
carretederueda hub nave
carretera motorway motor
carreteraprincipal major
carreterasecundaria side
carro cart chariot
carroceria body coach
carrona carrion
carta letter
cartaaerea aerogramme air
cartearse correspond
cartel notice placard poster
cartera wallet briefcase file
cartero postman
casa house
casada married
casadehuespedes boarding
casado married
casarse marry getmarried get
cascada waterfall
cascajo chippings rubble broken road
cascara bark husk peel shell
casi almost nearly
caso affair case matter
caspa dandruff
castana chestnut horse
castano chestnut
castellano castillian
castigar punish
castigo redemption punishment
castilla castile
castillo castle
castor beaver
catalan catalonian
catalogo catalogue directory
cataluna catalonia
catecismo catechism
catedral cathedral
catolico catholic
catorce fourteen
caucaso caucasus
cauce bed watercourse
caucho rubber
caudillo boss chief leader
causa cause reason
causar activate cause giveriseto give
cavar dig grub spade
cazar chase hunt
cebada barley
cebo bait
cebolla onion
cebollana chive
ceder cede relinquish yield give
ceja brow eyebrow
celebrar celebrate
celebrarsucumpleanos celebrating
celebrarunafiesta celebrate
celo fervor fervour zeal
celula cell
cementerio cemetery graveyard
cena dinner middaymeal supper evening
cenicero ashtray
cenicienta cinderella
ceniciento ashen
ceniza ash cinder
cenopegias feastoftabernacles
censura censor criticism observation remark
censurable blameworthy censurable condemnable objectionable
censurar censor censure criticize reproach
centeno rye
centimetro centimetre
central central
centro centre average mean middle
cepillar brush
cepillo brush plane
cepillodedientes tooth
ceramica crockery earthenware pottery
cerca close near nearby
cercar bar obstruct
cerda sow
cerdena sardina sardinia
cerdo hog pig swine boar
cerebro brain
ceremonia ceremony
cereso cherry
cereza cherry
cero nought zero
cerrado closed shut
cerradura lock
cerrar close shut lock
certificacion certificate testimony
certificado certificate testimony registered act
certificar record register commend recommend
cerveza ale beer
cesion abandonment
cesto basket
chal shawl
chaleco vest waistcoat
champana champagne
champinon mushroom
champu shampoo
chanza gag joke
chaqueta jacket
charco pool
charlar chat chatter
chauffeur chauffeur driver
checo czech
checoeslovaquia czechoslovakia
cheque check cheque
chicle chewing
chico boy lad laddie diminutive
chile chile
chilena chileanwoman
chileno chilean
china china
chino chinese chinaman
chispa spark
chocarkun collide crash
chocolate chocolate
chofer conductor driver chauffeur
choque collision
chuleta cutlet
chupar suck
ciclo cycle
ciclomotor moped
ciclon cyclone
ciego blind
cielo heaven sky
ciencia science
ciento hundred onehundred one
ciertamente certainly
cierto certain sure any anybody
cifra cipher digit figure numeral
cigarillo cigarette
cigarro cigar
cilindro cylinder roller
cimbalo cymbal
cincel chisel
cinco five
cine cinema movietheatre movie
cinico cynical
cinta bond tie connection league
cintapegante adhesive
cinto belt girdle
cintura waist waistline
cinturon belt girdle
cipres cypres
circo circus
circuito circuit
circular circular
circulo circle
circuncision circumcision
circunspecto thoughtful careful cautious
ciruela plum
cirujano surgeon
cita citation quotation appointment date
citacion citation quotation
citar cite quote
citara zither
ciudad city town
ciudadela citadel
civil civil civilian non
civilizacion civilization
cizallaparasetos hedge
claro bright clear light distinct
clase class kind sort
clasificar classify
clausula clause
clavel carnation pink
clavo nail
cliente buyer client purchaser customer
clientela clientele client
clima climate
cloaca sewer
cloro chlorine
club club society
coartada alibi
cobertizo penthouse shed barrack barn
cobrador guard
cobre copper
cocaina cocaine
cocer bake
coche car carriage coach waggon
cocheremolque trailer
cochina sow
cochinillo piglet
cocina kitchen
cocinar cook
cocinera cook femalecook female
cocinero cook malecook male
cocodrilo crocodile
codiciar covet
codicioso acquisitive eager greedy
codigo code
codo elbow
coger clutch grab grasp grip
cohete rocket
cojear limp
cojo lame
col cabbage
cola glue tail
colchadecama bedspread counterpane coverlet
colchon mattress
colecta collection
colega colleague
colegio college
colera cholera
colgar droop hang
coliflor cauliflower
colina hill
colision collision
colocar invest lay place put
colombia colombia
colon columbus
colonia cologne colony settlement
color colour dye
columna column pillar
comadrona nurse monthlynurse dry monthly
comandante boss chief leader commander
comarca region
combiar change
combinacion combination undergarment
comedor dining
comenzar begin commence start
comer lunch
comerciante merchant businessman
comercio business commerce trade
comerse eatup eat
comestible edible
comestibles food
cometer achieve act make perform
comico amusing entertaining funny
comida meal dinner middaymeal midday
comienzo beginning commencement start
comisaria police
comision commission
comite committee
comitiva procession
communicacion account communication
como how inwhatway such what
comodo homy close intimate
comoesdebido decently properly
compadecera have pity
companero colleague
compania company
comparar compare
compartir divide separate share
compensar compensate
competencia competition
competidor rival
competir compete rival
complacer satisfy meet
complekso complex
completamente completely entirely through fully
completar complete
completo absolute complete entire overall
componerse consistof consist
compositor composer
compra accession acquisition asset purchase
comprador buyer client purchaser customer
comprar acquire buy purchase take
comprender understand realize
comprendido understood
comprensible understandable
compromiso accommodation
computador computer
computar calculate count figure workout
comun commonplace dismal trite common
comunicacion connection
comunicar communicate report connect plugin
comunion communion
comunista communist
con with
conac brandy cognac
concernir concern
concha shell
concierto concert
concision brevity briefness conciseness
conciso concise
concluir accomodate end finish terminate
conclusion conclusion inference
concordacion accord accordance agreement concurrence
concurso competition contest
condenar condemn sentence
condicion circumstance condition stipulation terms
condom condom rubber
conducir conduct guide lead ride
conducirse behave conductoneself conduct
conejo rabbit
conejomacho buck
conexion relation
confeccion making manifacture manufacture
conferencia conference
confesar acknowledge admit confess profess
confesion acknowledgement admission confession
confianza confidence
confirmacion confirmation
confirmar affirm assent sayyes acknowledge
confiscar confiscate
conflicto conflict
conforme agreed okay
congreso congress convention
conminacion menace threat
conminar menace threaten
conmovedor affecting moving touching
conmover move stir affect agitate
conmovido seizedwithemotion seized
conocido famous acquaintance
conocimiento acquaintance knowledge
conocimientos fame renown
conquistar conquer
consecuencia consequence consistency
consecuente consistent
consecutivo following next
conseguir succeed
consejero counsellor
consejo advice counsel
consentir spoil
consequir achieve acquire attain get
conserje porter
conservacion conservation maintenance preservation retention
conservador conservative
conservar conserve keep maintain preserve
conservatorio academyofmusic academy
considerable considerable sizable
consideracion consideration deliberation
considerar account consider esteem regard
consolar comfort console
constipado constipation
constitucion constitution
construccion accommodation adjustment arrangement building
construir build construct
consul consul
consulado consulate
consulta consultation
consumidor consumer
consumir consume useup use
consumo demand sale
contable book
contacto contact
contadorpublico accountant
contagiado contaminated infected
contagiar infect communicate
contagioso catching contagious infectious
contante cash incash
contar count narrate relate tell
contemplacion consideration deliberation examination
contemplar account consider esteem regard
contemporaneo current present
contener bridle check restrain comprise
contento contented pleased satisfied
contestacion answer reply
contestar answer reply respond
contestara answer
contiguo adjacent adjoining nearby neighbouring
continuamente constantly continually continuously ceaselessly
continuar continue hold last endure
continuo abiding lasting constant continual
contra against opposite upon across
contradecir contradict
contramandar cancel countermand abjure abolish
contraste contrast
contratar putouttotender makeacontract invite make
contrato contract
contribucion tax
contribuyente ratepayer taxpayer
controlar audit check supervise verify
conulla quote inverted quotation
conullas quotes inverted quotation
convencer convince persuade
convenido agreed okay
conveniente decent fitting proper suitable
convenio accord accordance agreement concurrence
convenir befit befitting agree suit
convento monastery
conversar converse
conversion conversion
convertir convert
copa goblet
copia copy
copiar copy print
copla verse
copodenieve snowflake
corazon heart
corbata tie necktie
corcega corsica
corcho cork
cordel line
cordero lamb
cordillera rand chain mountain
cordoba cordova
cordon shoe
coronar crown
correcto correct right
corregir correct
correo mail post
correoaereo airmail
correr flow race run
corresponderal answer come correspond
corriente current flow stream
corromper spoil
corrupcion corruption
cortacircuito shortcircuit short
cortar cutoff pick pluck tearoff
cortes courteous polite well
cortesia politeness
corteza bark bast
cortina curtain
corto short brief
corzo roe
cosa thing
cosecha harvest
coser sew
costa coast seaside shore
costar cost
costear paytheexpensesof bear pay
costumbre custom habit way
costura seam
costurera tailor femaletailor female
craneo skull
crecer accrue grow
creer account accredit believe deem
crema cream
cremallera zipper
cremaparazapatos polish wax
crepe pancake
creta crete
criada maid servant
criado boy servant
crimen crime
crisis crisis depression emergency
cristianismo christianity
cristiano christian
cristo christ
critica criticism
criticar censure criticize judge
critico alarming grave serious
cruce crossroads cross
crudo crude raw rough uncooked
cruz cross
cruzroja red
cuadra stable stall sty
cuadro bed painting picture
cual that which who
cuando when
cuanto how
cuartel barracks
cuarto apartment flat fourth chamber
cuartodebano bathroom
cuatro four
cuba cuba
cubano cuban cubic
cubierta deck
cubierto forks knivesandspoons
cubiertodeverdor covered grown overgrown
cubo bucket pail
cubrir cover
cucaracha cockroach
cuchara spoon
cuchichear whisper
cuchillo knife
cuello neck collar
cuenta account bill invoice calculation
cuentabancaria banking bank
cuerda cord rope string
cuerno horn
cuero leather
cuerpo body
cuervo raven
cuesta acclivity hillside slope
cuestaabajo downhill down
cueva cave grotto cavern den
cuidado care concern
cuidar attend nurse tendto care
cuidarde look
culpa blame fault guilt
culpable guilty
cultivar cultivate grow plant
cultivo planting
culto service worshipservice worship
cultura culture
cumpleanos birthday
cumplimiento replacement replenishment supplement compliment
cuna cradle placeofbirth place
cuota dues subscription
cupon coupon
cura treatment pastor vicar clergyman
curar cure treat heal remedy
curazao curacao cura
curioso agog curious inquisitive
cursillo class course
curso class course rateofexchange exchange
curva bend curve
curvar bend
dadoque supposing
dama lady
damas checkers
danara detract harm
danes danish dane
dano damage harm
dar give
daradestajo invite put
daralabomba pump
daraluz bear give
dardecomer feed
dardentelladasa snap snarl snub
darelpesamea express
dargraciasa thank
darlabienvenida welcome
darlugara cause
darsedebaja quit resign
darsetono attitudinize pose put
datil date
deacuerdo agreed
deaireacondicionado air
deber duty obligation owe
debil faint light weak
debutante beginner
decadencia decay
decentar cutinto begin commence start
decidirse decide
decimetro decimetre
decir say tell
decision decision
decisivo decisive
declaracion declaration proclamation statement acknowledgement
declarar declare state acknowledge admit
decorar adorn decorate ornament
decrecer abate decrease diminish drop
decrepito decayed decrepit dilapidated lapsed
decudir abstract deduce gather induce
dedo finger
deduccion demand sale
deducir countdown count
defecto damage
defender protect
defensa defence defense protection
definir define determine
dejar allow leave let release
dejo accent
delante ahead formerly previously
delatar accuse denounce
delegar delegate depute
deletrear spell
demandar ask beg bid request
demas besides moreover
demasiado too toomuch
demoler demolish takedown break pull
demolicion demolition
demontar takeapart take
demostrable apparent
dengoso prudish
dentista dentist
dentro inside
denuncia accusation
denunciar accuse denounce
departamento compartment coupe section coup
dependencia dependence
depender depend
dependienta saleswoman
dependiente dependent clerk
deplorable regrettable dismal miserable pitiful
deplorar regret begrudge mourn
deporte sport
depositar deposit
deposito depository
deprisa fast quickly swiftly
derecho claim presumption pretence right
derivacion derivation
derivar derive
derramar pour scatter shed
derretir melt
derretirse melt
derribar demolish takedown break pull
derribos rubbish oldmaterials old
derrota defeat
derruirse crumble crumbleoff
desaconsejar dissuadefrom advise dissuade
desacostumbrar teach break
desague draining
desanimado dejected depressed
desaprender unlearn
desaprobacion censure condemnation disapprobation disapproval
desaprobar condemn disapprove rebuke reproach
desarrollar explain clarify account
desatinar drivel twaddle
desayuno breakfast
descalzo barefoot
descansar repose rest
descanso break intermission pause recess
descargar writeoff abreact unload write
descendencia lineage origin
descender accrue come derive originate
descendiente offspring successor
descolgar abstract takeaway take
desconcharse scaleoff flake peel scale
desconocido unknown
descortes rude
describir describe
descripcion account description
descubrimiento discovery
descubrir discover uncover
descuento abatement discount rebate
descuidado careless negligent
descuidar neglect
desde from since
desear ache desire wish
desechos clippings cuttings parings refuse
desembarcadero pier landing
desembocadura mouth
desempenar occupy take
desenfrenado lawless licentious riotous
deseo avidity covetousness eagerness greediness
desercion apostasy defection
desertar apostatize desert secede
desfiladero pass
desgastarse wearout
desgracia accident
desgraciadamente unfortunately
deshielo melting thaw
deshonesto nasty
desierto desert
designar indicate suggest show point
desigual bumpy different coarse rough
desinteresado disinterested
deslumbar dazzle
desmayado unconscious
desmayarse faint swoon
desmayo faint swoon
desmejorarse decline falloff fall
desmoronarse crumble crumbleoff
desnatar cream skim
desnudo bare naked nude
despachar dispatch ship conclude expedite
despacho demand sale
despedida farewell goodbye good
despedir dismiss turnaway discharge fire
despedirse takeleavefrom say take
despenadero abyss chasm gulf precipice
despojar rob
despreciar despise
desprecio contempt
despues after behind afterwards next
despuntar blunt
destajar makeacontract make
destajista builder contractor masterbuilder building
destajo contract tender
desterrado exile
destierro exile
destinatario consignee recipient
destino destiny fate
destituir depose
destornillador screwdriver
destreza expertness skilfulness skill skillfulness
destruir destroy quash
desvan attic
desviar divert
desviarse deviate turn deflect diverge
desvio aberrance aberration
detalle detail
detective detective
detencion apprehension arrest detention
detener arrest
detenido prisoner arrested
deterioracion corruption decay depravation taint
deteriorar damage injure spoil
deterioro damage
determinar determine fix
detestar abhor abominate loathe
detras behind intherear
detrimento harm
detrito clippings cuttings parings refuse
deuda debt
deudo relative
devanar unroll unwind windoff wind
devolver return give
dia day
diabetes diabetes
diamante diamond
diametro diameter
diariamente daily
diario daily
diarrea diarrhoea
dibujar design draw
diccionario dictionary vocabulary
dicho concerned inquestion
diciembre december
dieciocho eighteen
diestro adroit clever dexterous skillful
dieta diet
dietario agenda appointmentbook appointment
diez ten
diezynueve nineteen
diezyocho eighteen
diezyseis sixteen
diezysiete seventeen
diferencia difference
diferente different
diferir differ bedifferent
dificil difficult hard inconvenient
dificultar hamper hinder thwart
difundir send transmit
digestion digestion
digresar stray
dimension dimension measurement
dimitir resign quit
dinamarca denmark
dinamarques danish dane
dinero money
dinerodelembase pledge security
dios god
diputado delegate deputy representative
diputar delegate depute
direccion address direction
directamente instantly immediately withoutdelay without
director director manager
directorio addresslist address
dirigir address conduct guide lead
dirigirlapalabraa accost address
dirigirsea accost address
disco grammophonedisc grammophone
discreto discrete
discriminacion discrimination
disculpa apology
disculparse apologize
disferente different
disfrutar enjoy delight
disminuir abate decrease diminish drop
dispenseme excuseme excuse
disponible available
disposicion ability capability fitness suitability
disputar quarrel wrangle
distancia distance offset
distinguir distinguish
distinto different
distraccion distraction diversion
distraer distract divert entertain
distraido abstracted distracted absent
distribuir distribute
distrito district
divergente different
diversion amusement fun
divertido amusing entertaining funny
divertimento amusement fun
divertir amuse
divertirse haveagoodtime enjoy have
dividir divide separate share
divorcio divorce
divulgar publish reveal acquaint inform
doblar fold bend
doble double dual
doce twelve
doctor doctor physician
documento document paper
dolar dollar
doler ache hurt
dolersepor have pity
dolor ache pain
dolordemuelas toothache
domesticado tame
domicilio abode residence dwelling
domine pastor
domingo sunday
donde where
dormir sleep
dos two
dosis dose
dosveces twice
dotado gifted talented accomplished
dotar endow
dromedario dromedary
ducha shower
ducharse takeashower take
duda hesitation wavering
dudar doubt
dueno boss chief leader master
duenodesimismo composed restrained self
dulce gentle soft sweet tender
durar continue endure last keep
duro hard leather
dyschatell couch divan
ebrio drunk intoxicated
echar throw
echaraperder spoil
echarlasiesta doze nap slumber
economico thrifty
ecuador ecuador
edad age
edecan adjutant aide
edificar erect establish found build
edificio building
edificioanexo annexation
editor publisher
eficaz effective effectual efficacious
efigie effigy head
egipciaco egyptian
egipcio egyptian
egipto egypt
egoista selfish self
eje axis axle
ejemplo example
ejercicio exercise practice
ejercito army
eleccion choice election
electricidad electricity
electrico electric
elefante elephant
elegante elegant chic
elegir choose elect pickout pick
elevacion altitude height
ella her she
ellas they
ellos they
embajada embassy
embajador ambassador emissary envoy messenger
embalsamar embalm
embarcacion ship vessel
embarcarse embark
embargar confiscate
embelesar charm
embotado blunt dull obtuse
embragar couple
embriaguez drunkenness inebriety
embudo funnel
embuste swindle
embustero cheat deceiver imposter
emigrar emigrate
emigrarse emigrate
emocion emotion
empacar pack package wrapup wrap
empalmar correspond
empalme connection
empezar begin commence start
empleado employee clerk officer official
emplear apply practice
empleo post
emprender undertake
empresa industry
empujar push thrust
enaltavoz loudly
encadenacion order
encadenamiento order
encajar palmoffon palm
encaje lace
encamado bedridden laidup confined laid
encantador charming lovely
encantar attract draw charm
encanto charm
encarecer commend recommend register
encendedor lighter
encender burn kindle light illuminate
encentar cutinto cut
encia gum
enciclopedia encyclopaedia
encogido afraid timid
encontrar encounter meet see find
encontrarse findoneself find
encuadernacion binding cover
encuantoa concerning upon
encuentro encounter
encuesta inquiry investigation
encueston concerned
endrino sledge sleigh
enefecto absolutely actually genuinly indeed
enelacto immediately just right
enelextranjero abroad
enelfondo below downstairs underneath
enemigo adversary enemy
enero january
enestado pregnant with
enfermedad ailment disease illness
enfermedadvenerea venereal
enfermera nurse
enfrenar brake
enfriar cool cooldown getcold get
enganar fool hoax mystify trick
engano swindle
enganoso deceptive delusive fallacious deceitful
enjugar dry delete wipe wipeoff
enlace startingpoint connection starting
enmohecerse getmouldy get
enningunaparte nowhere
enorden agreed okay
enorme enormous
enotraparte elsewhere
enparte partially partly
enpos behind
enprimerlugar first firstly
enrollar envelop
ensalada salad
ensalzar commend recommend register
ensangrentado coveredwithblood blood covered
enseguida immediately instantly just right
ensenar indicate suggest teach show
ensumayorparte for
enteblar begin commence start
entender understand realize
enteramente entirely quite wholly
entero entire overall whole
enterramiento burial funeral interment
enterrar bury entomb inter flood
entierro burial funeral interment
entodaspartes all everywhere
entonar intone raise
entonces then
entrada entrance portal access admission
entrante future close near nearby
entrar enter perform
entrarencuenta count
entre among between
entrecortado broken
entrega delivery
entregar hand handover deliver furnish
entretener amuse
entristecer afflict grieve distress givepainto
envejecer gooff
envenenar poison
enviar dispatch ship dismiss turnaway
envidia envy
envidiar envy
envidioso envious
envolver pack package wrapup wrap
equipaje baggage luggage
equipajes baggage luggage
equivocacion aberration error mistake
equivocarse err makeamistake make
error aberration error mistake
escala ladder
escalar ascend climb scale
escalda scheldt
escalera staircase stairs
escama scale
escandalo offence scandal commotion
escandaloso aggravating
escandinavia scandinavia
escano bank
escaparate showwindow show
escarola endive
escarpado abrupt steep
esclusa lock sluice
escoces scottish scot scotsman
escocia scotland
escoger choose elect pickout pick
escombro mackerel
escopeta gun rifle
escribir write
escribiramaquina type
escrupuloso accurate scrupulous
escuchar listen
escuela school
escultor sculptor
escupir spit
esdecir that
esforzarsepor aim attempt endeavour take
eslavo slavic slav
eso that those
espacio room space
espalda back
espana spain
espanol spanish spanishlanguage spaniard
espanola spanishwoman
espantar deter discourage scare
espanto fright
esparadrapo plaster
esparrago asparagus
especia spice
especial particular special
especie kind sort
espejo mirror looking
esperanto esperanto
esperanza hope
esperar foresee abide expect wait
espiga ear
espinaca spinach
espinadorsal spine
espolear encourage impel instigate stimulate
esponja sponge
esposa wife
esposo husband
espuma foam froth
esputo mucus phlegm
esqueleto skeleton
esqui ski
esquiar ski
esquimal eskimo
esquina corner
esta these this thishere
establecimientodebanos bathroom
establo stable stall sty
estacion season station
estacionbalnearia bathroom spa
estaciondeservicio filling
estado state
estafar fleece
estamanana this
estandarte flag standard
estano tin
estanque pond
estar findoneself find
estardeacuerdocon agree
estardepie stand
estarsentado sit
estartendido lie recline
estatarde this
estatua statue
este east
estima esteem regard respect
estimacion esteem regard respect
estimar esteem thinkwellof appraise estimate
estimular rouse stimulate stirup stir
estipular stipulate set
estofadodecarnehungaro goulash stew
estomago stomach
estonia estonia
estorbar bar inhibit prevent hinder
estornudar sneeze
estrasburgo strasbourg
estrecho narrow close cramped strait
estrella star
estrofa verse
estropeado broken damaged
estuche jug box container vessel
estudiante academic student
estudiar learn study
estudio study
estufa furnace kiln oven stove
esunalastima alas regrettably that unfortunately
etna etna
europa europe europa
europeo european
evidente clear distinct plain
evidentemente apparently obviously
evitar avoid evade
exaccion exaction extortion
exacto exact
exagerar exaggerate
examen investigation examination test
examinar examine
excelente fine great
excepto but except otherthan apart
excluir exclude
excursion excursion outing sightseeingtrip sightseeing
excusado toilet
exhortacion admonition exhortation
exhortar admonish scold
exigir demand postulate require
existencia existence
existir exist
expedir dispatch ship dismiss turnaway
experiencia experience
experto experienced expert skilful skilled
expiracion end terminate
expirar end expire come
explicacion account explanation
explicar explain clarify account
explotar exploit utilize
exposicion exhibition exposition
exterior external outer outside
externo external outer outside
extorsion exaction extortion
extra additional extra
extracto extract infusion
extranjero alien foreigner foreign
extraviarse strayoff stray
extremadura estremadura
extremamente extremely most
extremooriente the
fabrica factory
fabricacion making manifacture manufacture
fabricar fabricate manufacture achieve act
facil easy facile
facilmente easily
faisan pheasant
falaz deceptive delusive fallacious deceitful
falda skirt
falta absence lack shortage shortcoming
faltar bemissing
familia family
familiar relative
famoso famous glorious
fardo bale
farmaceutico chemist
farmacia drugstore chemist
faro headlight
farol lantern
farsante attitudinizer poseur
fatal fateful ill
fatigar jade overdrive override fag
favor favor favour
favorable advantageous favourable
favorecer favor favour
faz face
febrero february
fecha date
fecula potatoflour potato
feculadepatata potato
federal federal
felicitar congratulate
feminino female feminine
fender split
fenomenal phenomenal
feo nasty ugly
fertil fertile
fidedigno plausible
fiebre ague fever
fiel faithful
fiero savage wild
fiesta celebration festival party
figurado figurative
figurarse fancy imagine
fijar attach determine fasten fix
fijo fixed fast firm stable
fila grade rank rate
filete slice
filtro filter
fin aim goal purpose target
final end ending
finalmente finally ultimately
finca estate farm property ranch
fines finnish finnishlanguage finn
finesa finnish finnishwoman
fingir pretend feign give
finlandes finnish finnishlanguage finn
finlandesa finnish finnishwoman
finlandia finland
fino dainty delicate fine refined
firma company firm signature
firmar sign
fisica physics
fisonomia face
flamenco flemmish flemming
flan cream
flandes flanders
flauta flute
flecha arrow
flema mucus phlegm
flor bloom flower
florencia florence
florin guilder gulden
foca seal sea
folleto leaflet pamphlet paperback
fondear anchor
fondo background
formulario blank form
forrar cover overlay
forro lining
fortaleza fortress
forzar compel force
fosforo match
foto photograph
fotografia photograph
fotografo photographer
frambuesa raspberry
frances french frenchlanguage frenchman
francesa frenchwoman
francia france
franela flannel
franqueo postage
frase sentence
fregadero dresser
fregar washup wash
freir fry
freno brake
frenodeemergencia communication
frente forehead
fresa strawberry
fresco fresh recent cool
fresno ash
frio bleak chilly cold
friolera trifle
frisia friesland
frisio frisian frieze
frison frisian frieze
frisona frisian frisianwoman
frontera boundary frontier limit
fronton facade front battlefront frontage
frotar rub
fruta fruit
frutal fruit
fuego fire
fuente fountain source spring basin
fuera abroad out outside
fuerte strong firm robust sturdy
fuerza force strength vigour
fuerzadecaballos horsepower
fulminante acute
fumar smoke
funcion function job office post
funcionar function operate run work
funcionario officer official
fundar base erect establish found
furgon luggage
fusilar shootdead shoot
gafas glasses spectacles
gafasoscuras sun
gales wales
galicia galicia
gallego galician
galleta biscuit cookie
gallina chicken fowl
gallo cock rooster
gamba prawn
ganado livestock
ganancia accession acquisition gain asset
ganar earn gain win
gancho hook
ganso goose
gante ghent
garaje garage
garantia guarantee warrant
garganta throat
garra claw
garrafa carafe decanter
gas gas
gasnatural natural
gasolina gasolene gasoline petrol
gastado worn
gastar spend pay
gastos charge cost expense
gata femalecat female
gato cat jack
gaviota seagull
gemelos twins twin
gemir groan moan
general general usual
generalmente generally
genova genoa
gente people
geografia geographic geographical geography
geografo geographer
gerente administrator manager
gibraltar gibraltar
ginebra geneva gin
girar turn endorse
giropostal money
globoterraqueo globe worldglobe
gobernar control govern restrain rule
gobierno administration government
godo goth
golondrina swallow
golpe blow
golpear beat hit strike
goma rubber
gordo fat fatty greasy
gorrion sparrow
gorro cap
gota arthritis drip drop gout
gotico gothic
grabado image picture
gracia charm
gracias gratitude thanks thank
gracioso affable friendly kind good
grado degree grade
gram gram gramme
gramatica grammar
granbretana britain
grande big great large
granero barn shed stand
granito granite
granizo hail
granja estate farm property ranch
grasa fat grease
gratitud gratitude
gratuito free
grave important serious court yard
grecia greece
greda chalk
grieco greek
griega greekwoman
griego greek
grieta crack crevice burst flaw
grifo faucet tap
gripe flu grip influenza
gris grey
gritar scream shout cry
grito cry shout
groenlandia greenland
grosella gooseberry currant redcurrant red
grosero rude
grueso bold corpulent fat thick
grupo bevy collection group heap
guadana scythe
guante glove mitten
guardabarros mudguard
guardar guard preserve protect save
guardarropa cloakroom
guardavia signalman
guardia guard policeman
guardiamarina middy midshipsman navalcadet naval
guatemala guatemala guatemalacity
gueldres guelderland guelders
guerra war
guia leader guide handbook guidebook
guiar conduct direct guide head
guisante pea
gusano worm
gustar please appreciate like
gusto taste
haba bean
haber credit
habil experienced expert skilful skilled
habilidad ability
habitacion chamber room
habitante inhabitant
habitar dwell live
habituarse getused accustom get
hablar speak talk
hacepoco just
hacer achieve act make perform
hacerdimision quit resign
hacerincribir register
hacerlamanicura manicure
hacerlascompras shop
hacerse become grow happen get
hacha axe
halcon falcon
hallar encounter meet see find
hallarse findoneself find
hambre fame hearsay renown repute
harina flour meal
hastalavista bye goodbye
hastaluego bye goodbye
hastaque till until
havana havana
hay thereare there
haya beech
hazelfavor please
hazfavor please
hebilla buckle
hebraico hebrew jewish jew
hebreo hebrew jewish jew israelite
hecho fact
hectolitro hectolitre
helada frost freezing
hemorroides haemorhoids
hendedura crack crevice burst flaw
henderse burst split
hendidura ravine
heno hay
heredar inherit
herida injury wound
herido injured wounded
herir hurt wound
hermana sister
hermano brother
hermanos siblings brothers
hermoso lovely
herramienta agent means tool
hervir boil
hiedra ivy
hielo ice
hiena hyaena
hierba grass herb
hierro iron
higado liver
higo fig
higuera fig
hija daughter
hijo son
hilo thread
hinchable airbed airmattress air
hindu hindu
hipopotamo hippo hippopotamus
historia story history
hoja leaf sheet blank form
hojadeafeitar razor
hojalata tin tinplate sheet
holanda holland thenetherlands the
holandes dutchman hollander dutch
holgazan lazy
hombre man humanbeing fellow human
hombredeciencia scientist
hombrepolitico politician
hombro shoulder
homenaje honor honour
honduras honduras
hongo mushroom
honor honor honour
honorable respectable
honrado honest above
hora hour time
horario schedule time
horizonte horizon
hormiga ant emmet
hormigon concrete
hornada bakedgoods baked
horrible abhorrent abominable alien awful
horror abhorrence abomination horror
horroroso abhorrent abominable alien awful
hospital hospital
hospitalidad hospitality
hotel hotel
hoy today
hoydia currently nowadays these
hueco fantastic offantasy frivolous concave
huelga strike
hueso bone
huesped guest
huevas spawn
huevo egg
huevofrito boiled
huir flee runaway run
humear smoke
humedo damp humid moist
humillante humiliating
humor humour mood temper
hungara hungarian hungarianwoman
hungaro hungarian
hungria hungary
hurtar rob
iberico iberian
idea idea concept
ideal ideal
idem equally likewise
identificar identify
idolatria idolatry idolworship idol
idolo idol
iglesia church placeofworship house place
ignicion ignition
igual equal even level
igualdad draw equality
iguana iguana
imagen image picture
iman magnet
imitacion imitation
imitar imitate
impedimento handicap impediment obstacle
impedir bar inhibit prevent hinder
imperdible safetypin safety
imperio empire
implorar implore invoke
imponer tax
importancia concern
importante important serious
importar amountto amount
importe amount sum
imposible impossible
impresion trace track
imprimir print
impuesto tax
incendio conflagration fire
incitar encourage impel instigate stimulate
inclemente severe strict
inclinado oblique slanting
incluido including inclusively
incomodar bother disturb hinder trouble
inconveniente difficulty trouble
increible incredible
incremento accretion growth
incrustacion fur scale
indeciso indecisive
indemnizar compensate
india india
indicacion index indication
indicar indicate suggest show point
indicio index indication
indico indian
indigena aboriginal domestic native
indigencia misery destitution distress indigence
indigente miserable poor needy
indio indian redindian red
indioamericano indian
indispuesta upset
individuo individual
indole character nature personality
indonesia indonesia
indonesico indonesian
indonesio indonesian
indulgencia indulgence
infamar slander
infeccion infection
infectar infect
infeliz unhappy
inferior inferior
inficionar infect communicate
inflamacion inflammation
inflar inflate
influiren act affect influence
informacion account information
informar acquaint inform report communicate
ingeniero engineer
ingenuo guileless inoffensive
inglaterra england
ingles english englishlanguage englishman sassenach
inglesa english englishwoman
ingrediente component element ingredient part
iniciador pioneer
inicial initial
injuria abuse insult
injuriar abuse insult offend jeer
inmediatamente immediately just rightnow right
inmovil motionless
innato congenital inborn inbred innate
innovador pioneer
inocente guiltless innocent
inpulsar encourage impel instigate stimulate
inquieto agitated anxious
inscribir enter record register
insecto bug insect
insectosdaninos vermin
insistencia insistence pressure urgency
insistir insist
insolente rude
inspector checker controller
instancia insistence pressure urgency
instar insist
instigador firebrand instigator
instigar abet excite incite provoke
instinto access impetus impulse instinct
instruir teach
instrumento agent means tool
insultar jeer taunt abuse insult
insulto abuse insult
inteligencia notion sense realization understanding
inteligible understandable
intencion intention meaning plan
intentar attempt test try
interes interest
interesante interesting
interesar interest
interior inner inside internal
interna inner inside internal
interprete interpreter
interrumpir interrupt
interruptor switch
intestinos intestines
invalido disabled disabledperson
inventar invent
invierno winter
invitar invite
invocar invoke
inyeccion injection
irabuscara meet pick take
irlanda ireland
irlandes irish irishman
irpor fetch get pick
irregular abnormal
isla island
islandia iceland
israeli israelian israeli
israelita israelite
italia italy
italiana italianwoman
italiano italian italianlanguage
iva vat
jabali wildboar wild
jadeante breathless
jamas never
jamon ham
japon japan
japones japanese japaneselanguage
japonesa japanesewoman
jardinero gardener
jardinzoologico zoo
jarra jug pitcher
jarro jug pot box container
java java
javanes javan javanese
javanesa javanesewoman
jefe boss chief leader superior
jengibre ginger
jerez sherry
jesucristo jesuschrist
jirafa giraffe
joven young youngster youth
joya gem jewel
joyero jeweller
judia haricot
judiaverde haricot
judio israelite
juego game
juegodedamas checkers
jueves thursday
juez judge
jugar play
jugo juice sap
jugodegrosellas currant
jugodemanzana apple
juguete toy
juicio judgment
julio july
junco cane reed
junio june
juntamente together atthesametime
juntar join unite
juntarse associate join pool come
jurar blaspheme cuss curse swear
justamente exactly sharp
juventud youth
juzgado tribunal
juzgar judge
kilo kilo
kilometro kilometre
labio lip
laborioso active hardworking
labrador builder
lacaparalasunas nail
lado side
ladoinferior bottom
ladrar bark give
ladrillo brick
ladron thief
lago lake loch
lagrima tear
lahaya the
lamer lick
lamina plate sheet slab
lampara lamp
lanchamotora motor
langosta lobster
lanzar throw
lapiz pencil
laponia lapland
largo long
largura length
las the
lastre ballast
lata can tin tincan
latin latin
latino latin
laton brass
latvia latvia
laurel laurel
lava lava
lavadero laundry
lavaplatos dishwasher
lavar wash washup
lazo bond tie connection league
leccion lesson
leche milk
lecheria dairy
lecho bed
lechon piglet
lechuga lettuce
leer read
legua mile
lejano distant far remote
lejos away afar far remotely
lengua tongue language
lenguado sole
lenguajefigurado metaphor
leno timber wood
lente lens
lenteja lentil
lento slow
leon lion
leton latvian lett
letonia latvia
levantar lever lift raise
levantarse rise stand standup get
ley law
liar bind connect join tie
libertino lawless licentious riotous
libra pound plate sheet slab
libreria bookshop bookstore bookcase
librero bookseller
libro book
licor liqueur
liebre hare
liebremacho buck
lieja liege
ligar bind connect join tie
ligero light
lila lilac
lima file
limaparaunas nail
limitado confined limited restricted
limitar abridge confine limit restrict
limon lemon
limosna alms charity
limpiar polish clean cleanse purge
limpieza cleanliness purity
limpio clean
lince lynx
lindo delightful lovely charming
linea line
liquido liquid
lisboa lisbon
lisera shoulder verge vergeofaroad
liso even flat level smooth
lista list menu
listadeprecios price
listo finished ready through
litro liter litre
lituania lithuania
livonia livonia
llama flame
llamada appeal parade roll
llamar invoke hit knock strike
llamaralapuerta knock rap
llamarse becalled
llano plain flat
llanta felly felloe rim
llanura plain
llave key wrench spanner adjustable
llaveinglesa monkey shifting
llegada arrival
llegar pass spend arrive end
llenar complete fill fillup
lleno complete full
llevar bring fetch takealong carry
llorar cry weep
llover rain
lluvia rain
loba lupine she
lobo wolf
loma hill
londinense londoner
londres london
lorena lorraine lothringen
loro parrot
los the
losdos both
lospaisesbajos the
lovaina louvain
loza crockery earthenware pottery
lucio pike
lucir shine
luego soon afterwards next subsequently
lugar inducement occasion motive account
lugubre bleak dismal dreary horrible
lujo luxury
lumbar loin
luna moon
lunes monday
luxemburgo luxemburg
luxemburgues luxemburg luxemburger
luz light
luzdebengala bengal
luzposterior rear tail
luztrasera rear tail
macarrones macaroni
maciso massive
madera timber wood
madre bed watercourse mother
madrid madrid
maduro mature ripe
maestra teacher femaleteacher female
maestro instructor teacher
magnetofono tape
magnifico lovely bright brilliant
mahoma mohammed muhammad
maiz corn maize mealies
majo pretty
malacostumbre habit trick
malasuerte bad
malayo malay
malentendido misunderstanding
maleta trunk suitcase valise
maletademano suitcase valise
malinas malines mechlin
mallorca majorca
malo erroneous mistaken wrong bad
malolor stench
manana morning tomorrow
mananapasado the
mananaporlamanana tomorrow
mananaporlatarde tomorrow
mancebia brothel
mancha blot spot
mandar direct guide manage steer
mandarina tangerine
mandato command
mandibula jaw jawbone
mando command
manga sleeve
manido stale
mano hand
manso tame
manta blanket
mantel table
mantequilla butter blueberry
manzana apple
manzano apple
mapa map
maquina engine machine
maquinadeescribir typewriter
maquinar initiate start activate cause
mar sea
marcar dial
marea tide
mareado dizzy
mareadoenavion airsick
marfil ivory
margarina margarine
marido husband
marina navy
marinero sailor
mariposa butterfly
marmol marble
marrojo red
marron brown
marroqui moroccan
marroquia moroccanwoman
marroquin moroccan
marroquina moroccanwoman
marruecos morocco
marsella marseilles
martes tuesday
martillo hammer
marzo march
mas but more
masa lump mass dough paste
masaje massage
masajear massage
masbien preferably rather
masculino male
masticar chew
mastil mast
masymas increasingly more
matar butcher slaughter kill liquidate
materia matter
material data material
matricula numberplate
matrimonio marriage matrimony
maximo maximum
maximum maximum
mayo may
mayoria majority
mear urinate
mecanico mechanic chauffeur driver
mecanografa stenotypist femalestenotypist female
mechero lighter
media stocking
medianoche midnight
medicamento drug medicine pharmaceutical
medicina drug medicine pharmaceutical
medico doctor physician
medida measure measurement
medio half agent means tool
mediodia midday noon
medir measure
mediterraneo mediterranean
medroso afraid fearful
medusa jelly
mejicana mexicanwoman
mejicano mexican
mejico mexico
mejikano mexican
mejilla cheek
mejor better
melindroso prudish
melocoton peach
melon melon
mencionar cite quote mention
mendicidad begging
mendigar beg
mendigo beggar
menesteroso abject dismal meager miserable
menguar abate decrease diminish drop
menos but except otherthan fewer
menosymenos less
mensaje errand message
mensualmente monthly
menta mint
mentir lie tellalie tell
mentira lie
menu menu
mercado fair market salesactivity marketplace
mercadodeconsumo market sales
merecer deserve merit
merluza haddock
mermelada jam marmelade
mermeladademanzanas apple
mes month
mesa table
metal metal
meter place put putdown lay
meticuloso accurate scrupulous
metodo method
metro metre subway underground
mexico mexico mexicocity
mezcla admixture mixture
mezquino petty small
mezquita mosque
miedo agony anguish fear afraid
miedoso afraid
miel honey
miembro limb member
miercoles wednesday
mil thousand onethousand one
milimetro millimetre
millon million
mimar spoil
mimoso affectionate caressing cuddlesome cuddly
mineral mineral
ministerio ministry
minuto minute
miope near short
mirada look
mirar consider deem look regard
mirlo blackbird
misa mass
miserable miserable poor abject dismal
misericordia charity mercifulness mercy
misericordioso charitable merciful
mismo even
mito myth
mitologia mythology
mitra miter mitre
mobilario furniture
mochila backpack knapsack
moda fashion mode
moderno modern
modesto modest
modista milliner
modosubjuntivo subjunctive
mohoso mouldy
moises moses
mojado wet
moler grind pulverize
molestar bother disturb hinder trouble
molestia hindrance disquiet disturbance interference
momentito instant moment
momento instant moment
mondarhabas string
moneda coin
monedas change
monje monk
mono ape monkey overalls
monologo monologue soliloquy
monopolio monopoly
monstruo colossus
montana mountain
montar enter perform
monte mountain
monumental monumental
morado violet
morar dwell live
morder bite
mordisco bite
moreno brown
morera mulberry
morir die expire passaway pass
morisco mauretanian moorish moresque
moro mauretanian moor moorish moresque
mosa meuse
mosaico mosaic mosaicwork
mosca fly housefly
moscu moscow
mosela moselle
mosquito mosquito
mostaza mustard
mostrador counter
mostrar indicate show point
motel motel
motivo inducement occasion motive account
moto motorcycle
motocicleta moped
motor engine motor
moverse move
mozo porter
muchacha girl lass wench
muchacho boy lad laddie
muchachotravieso naughty pickle
mucho much plentyof plenty
mudar alter change turn
mudo dumb mute speechless
mueblaje furniture
muelle spring
muerdago mistletoe
muerte death
muerto dead
mujer wife woman
mulo mule
multa fine minutes protocol
multar fine give take
multiplicar multiply duplicate
mundo world
muneca wrist doll puppet
munich munich
municipio community
musculo muscle
museo museum
musica music
musico musician
muslo thigh
muy quite very verymuch
nabo turnip
nacer arise beborn
nacimiento birth
nacional national
nacionalidad nationality
nada nothing
nadar float swim
nadie neither nobody none
naju gumbo okra okraplant
name yam
nana unknown abcdefghijklmnopqrstuvwxyzaeinoouu elder
nandu nandu
nano elder
napoles naples
naranja orange
naranjo orange
nariz nose
natabatida whipped
natural coming
naturaleza character nature personality
naturalmente naturally
navegar navigate
navidad christmas yule
necesario necessary
necesidad need want necessity
necesitado abject dismal meager miserable
necesitar need require
neerlandes dutch dutchman dutchlanguage
neerlandesa dutchwoman dutch
negar deny
negativa refusal
negativo negative
negocio enterprise
negro negro black
nene baby
nervio nerve
neumatico tyre tire cover outercover
nevado snowy
nevar snow
nicaragua nicaragua
niebla fog mist
nieto grandson
nieve snow
nilo nile
nilon nylon
nimega nimwegen
ninguno neither nobody none
nino bairn child infant
niquel nickel
nivel level
noble ofnoblebirth
nobleza nobility
noche night evening
nocion concept idea
noe noah
nogal walnut
nombramiento appointment appointmenttooffice
nombrar appoint
nombre appellation name
nombredepila first
normal normal
norte north
norteamerica northamerica
noruega norway norwegianwoman
noruego norwegian
nostalgia nostalgia
notable considerable sizable
notar note writedown make
notario notary
noticia account communication advice announcement
noticias news novelty somethingnew advice
notificar instruct notify summon
notocar keep
notoriedad acquaintance conversance familiarity
notorio well
novela novel
noviembre november
novio beloved lover sweetheart loved
nube cloud
nudo knot node
nueve nine
nuevo new novel
nuez nut
nuezmoscada nutmeg
numero amount number numeral
nunca never
oasis oasis
obedecer obey
obispo bishop
objecion objection
objecto article object thing
objeto thing aim goal purpose
obligar compel force
obligatorio compulsory
obra work
obrera femalworker female femal
obrero hand laborer labourer operative
observar keep mind observe consider
obstruccion dam barrier fence bar
obtener achieve acquire attain get
obtuso blunt dull obtuse
oca goose
ocasionar activate cause giveriseto causetotakeplace
occipucio occiput back
oceania oceania oceanica
oceano ocean
ochenta eighty
ocho eight
ochocientos eighthundred eight
octavo eighth
octubre october
oculista oculist ophtalmologist
ocultar conceal hide
ocultarse hide hideoneself
oculto hidden
ocupado busy
ocupar occupy take
odiar hate
odio hate
oeste west
ofender abuse insult offend
ofensa abuse insult
oferta offer presentation tender
oficial official
oficina bureau office
oficinadecorreos post
oficinadeinformaciones inquiry
oficio handicraft occupation trade function
oficioso accommodating helpful
ofrecer bid offer makeanofferof give
ofrecimiento offer presentation tender
oir hear
ojo eye
ola wave
oleaje billow
oler reek smell give
olera smell
olermal reek smell stink
olivo olive
olla jug pot box container
olmo elm
olor aroma flavour odor odour
olvidar forget
omnipotencia omnipotence
omnipotente almighty omnipotent all
omnisciente omniscient all
once eleven
opera opera
opinion opinion
opio opium
oponerse confront withstand resist stand
oprimido stale airless oppressive stiffling
oprimir suppress
optico optician
oracion appeal entreaty supplication
orbita orbit
orden order warrant writ
ordenador computer
ordendeldia agenda
ordenporescrito warrant writ
oreja ear
orgulloso proud
origen lineage beginning commencement start
original aboriginal original
originario coming
orina urine
orinal pot chamberpot chamber
orinar urinate
oro gold
ortiga nettle
ortografia orthography
oruga caterpillar
osa she
oscuro dark dim
oso bear
ostra oyster
otono autumn
otro other another else
otrolado opposite
oveja sheep
paciencia patience
pacifico pacific pacificocean
padre father
padres parents
padreymadre parents
pagar pay
pagaraplazos pay
pago payment
pais country land
paisaje landscape scenery
pajaro bird
pala shovel
palabra word
palacio palace
palido pale sallow
palmera palm palmtree
palo baton cane stick
paloma pigeon
pan bread loaf
pana brakedown
panaderia bakery
panadero baker
panal swaddlingcloth swaddling
panama panama
panecillo roll
panne brakedown
pantalon pants trousers
pantaloncorto shorts short
pantorrilla calf
papel paper
papeldecartas writing
papeleria stationer
papelhigienico toilet
papelpintado tapestry wall
papelsecante blotter blotting
paquete packet parcel
par even pair
para for per
parachoques buffer bumper
parada stop
paradadelautobus busstop bus
paraguas umbrella
paraguay paraguay
paralelo parallel
paraninfo auditorium
parar turnaway halt stop turnoff
paraunapersona one
parche adhesiveplaster adhesive
pardo brown grey
pardoneusted excuse
parecer appear look seem
parecerse resemble
pared wall
pariente relative femalerelative female
parir bear givebirthto give
paris paris
parisiense parisian
parpado eyelid
parque park
parra vine grapevine
parrafo paragraph
parroquiano client customer
parte part parthian share piece
partetrasera back reverse
particular affair business case matter
partidario acolyte member supporter adept
partido adherents disciples following party
pasada former last previous prior
pasado former past
pasadomanana the
pasaporte passport
pasar pass spend
pascua easter
pasillo corridor passage
paso pass gate gangway passage
pasoanivel level
pasodemontana pass
pastadentrifica tooth
pastel bakedgoods pie tart baked
pasteleria confectionery
pastelero confectioner
pastorprotestante pastor
patada kick
patagonia patagonia
patata potato
patillas whiskers side
patinar skate
patinete scooter
patio court yard courtyard
pato duck
patria cradle placeofbirth fatherland place
patriarca patriarch
patron boss chief leader
patrono patron
pavo turkey
paz peace
peaton pedestrian
pecho bosom breast chest
pedal pedal
pedazo bit lump piece
pedido order
pedir book order reserve ask
pegar sew sewon thrash glue
peinar comb
peine comb
pelicula film movie motion
peligro danger peril
peligroso dangerous
pelota ball
peludo hairy hirsute
peluquera hairdresser femalehairdresser female
peluquero barber hairdresser
pelvis basin bowl pelvis
pendiente earring pending ear
peninsula peninsula
pensamiento thought
pensar think
pension boardingschool boarding
pentecostes pentecost whitsunday
pepino gherkin cucumber
pequeno diminutive little small
pera pear
peral pear
perca bass
perder miss lose
perderse lose
perdida loss
perdido lost
perdiz partridge
peregrinacion pilgrimage
perejil parsley
perfume perfume
perimetro circumference outskirts periphery
periodico gazette magazine newspaper periodical
periodista journalist femalejournalist female
peritodecontabilidad accountant
perjudicara harm
perla pearl
permiso permission
permitir accord admit afford allow
pero but
perpetrar achieve act make perform
perro dog
persa persian
perseguir chase persecute prosecute pursue
persia persia
persona person
personal personal
pertenecera belong
peru peru
peruana peruvianwoman
peruano peruvian
pesado burdensome heavy onerous
pesar weigh
pescador fisherman
pescar fish
peso weight
peticion request
petroleo petroleum crudeoil crude paraffin
petulancia wantonness
petulante wanton
pez fish
pezdecolores goldfish
pezdorado goldfish
pezuna hoof
picar pick stab sting
picazon itch
pichon dove pigeon
picnic picnic
pico beak bill pinnacle woodpecker
pie foot
piedra stone
piel fur hide skin furpiece
pierna leg paw
pieza fragment lump piece part
pijama pyjamas
pila battery
pildora pill
pimienta pepper
pimiento paprika
pina pineapple
pino pine
pintar paint
pintor painter
pintoresco picturesque
pintura dye paint painting picture
piojo louse
pipa pipe
pirenaico pyrenean
pirineos pyrenees
piscina pool swimming
piso apartment flat floor storey
pisobajo ground
piston piston
placer pleasure fun
plancha iron flat
planchar iron ironclothes
plano even flat level smooth
planta sole plant
plantar plant
plantio planting
plastico plastic
plata silver
plataforma platform
plataformaposterior rear
platano banana
platija plaice
platillo cymbal saucer
plato food menu plate course
playa beach
plaza plaza square publicsquare public
plazadetoros bullring
pleamar flood
pleito complaint
plemear hightide high
plombo lead
pluma feather
poblacion population folk nation people
pobre miserable poor abject dismal
pobreza poverty
pobrezo misery
poco rather some somewhat tosomeextent
pocoapoco gradually little
podadera bill pruning
podaderademangolargo pole
podaderademanotipoyunque anvil
podaderadevanilla pole
poder beableto ability
podrido addled bad rotten
poesia poetry
polaca polishwoman
polaco polish pole
polaina gaiter legging
policia police
politica policy politics
politico politician
poliza policy insurancepolicy insurance
pollo chick chicken
polones polish pole
polonesa polishwoman
polonia poland
polvo dust
polvos powder cosmeticpowder cosmetic
pomelo grapefruit
poner start turnon lay place
ponerendeposito deposit
ponerpleitoa sue
ponerse attitudinize pose putonairs puton
poney pony
popa stern poop poopdeck
poquito rather
por inside into per within
porciento percent percentage
porejemplo for
poreso therefore
porfavor please
porfin finally ultimately
porfortuna fortunately unfortunately
porladerecha right
porlaizquierda left
porlotocantea concerning upon
porque because forthereasonthat for since
porrazondeoficio officially
porseparado apart separately
portamonedas purse wallet
portatil portable
portero porter
portugal portugal
portugues portuguese portugueselanguage
portuguesa portuguesewoman
porvenir future
poseer own possess
posible possible
postal picturepostcard postcard picture
poste pole post stanchion stake
postre dessert
postrero last
practicable passable practicable
precavido careful cautious
precio price
preciodeentrada admission
precipicio abyss chasm gulf precipice
precipitadamente hastily hurriedly inahurry
preciso accurate precise correct exact
preferir prefer
pregunta question
preguntar ask
preguntarse wonder ask
prejuicio prejudice
premiar awardaprize award
premio premium prize
preocupar agitate alarm
preparar prepare
presa dam
presencia presence
presentacion accession presentation
presentar give introduce offer perform
presente present
preservativo condom rubber
presion pressure
prestar borrow lend loan
preste priest
presumido attitudinizer poseur
presupuesto budget estimate estimates
pretension offer offerofparriage proposal claim
pretina belt girdle
prever foresee
prima cousin
primavera spring springtime
primeramente first firstly firstofall
primero first firstly firstofall
primerossocorros first
primitivo initial
primo cousin
princesa princess
principal mostimportant main predominant principal
principalmente especially chiefly mainly principally
principe prince
principiante beginner
principiar begin commence start
principio beginning commencement start principle
prisa haste speed urgency
prision jail gaol prison
privar rob
probablemente probably
probar attempt test try prove
proceso action lawsuit
procesoverbal minutes protocol
proclamacion proclamation
proclamar issue proclaim
procurarse achieve acquire attain get
produccion making manifacture manufacture
producir activate cause giveriseto afford
producto product
profesion profession
profesional professional
profundidad depth
profundo deep profound
programa platform programme statement
progreso advance advancement progress
prohibir forbid prohibit
prohijar affiliate adopt
promesa affirmation promise
prometer promise
prometida bride fiancee fianc
prometido fiance fianc
promulgar issue proclaim
pronto soon fast quickly swiftly
pronunciacion pronunciation
pronunciar pronounce
propiedad ownership
propietario owner
propina tip
propio own personal
proponer offer tender
proposicion offer tender
proposito design diagram plan plane
propulsion drive
prostituta prostitute
proteccion protection
protectar protect
protector patron
proteger protect
protegido protege prot
protesta protest
protestante protestant
protestar protest
provecho benefit gain profit advantage
proveniente coming
provisionalmente temporarily for
proximo future close near nearby
proyectar plan make
prudente thoughtful careful cautious
prueba problem trouble proof sign
prusia prussia
prusiano prussian
psiquiatra psychiatrist
publicacion advice announcement communication message
publicar advertise announce givenotice publish
pudin pudding
pueblecito hamlet township
pueblo folk nation people village
puente bridge
puerta gate gateway portal door
puertatrasera back
puerto harbor harbour port
puestadelsol sunset
puesto barn shed stand
puestodeprimerosauxilios first
puestoque because for since
pulga flea
pulgar thumb
pulmon lung
pulsera bracelet
puno fist
punta peak point tip summit
puntiagudo pointed spiked
punto dot period point spot
puntodecontacto starting
puntodepartida starting
puntoinicial starting
puredepatatas mashed
purgante laxative
purificacion candlemas
puro pure
pus pus
puta hooker whore
putrefaccion corruption decay depravation taint
que that than which who
quebraja crack crevice burst flaw
quebrar break
quedar meet besituated
quedarse remain stay stayover
quedarseatras remain stay
queja complaint
quejarse complain
quemado burnt
quemar burn beburntdown burndown
quemarse sticktothepan stick
queque cake
querer love desire wish
quererdecir aim intend mean
querido beloved lover sweetheart best
queso cheese
quieto calm quiet
quimica chemistry
quimico chemist
quince fifteen
quinto fifth
quitar abstract takeaway take
quitarelpolvo dust
quitarelpolvoa dust
quitarse putoff depart leave absent
quizas maybe mayhap perchance perhaps
rabano radish
rabanopicante horse horseradish
racion share
radiador radiator
radio radio wireless
radiodeaccion radius
ralea property quality
rama bough branch
rana frog
rapido fast quick rapid speedy
raramente seldom
raro rare
rascar scratch
rata rat
raton mouse
raya ray strip stripe
rayo beam ray
raza breed race
razonable acceptable
reaccionar react respond
realizar accomplish achieve actout produce
realizarse happen occur come
rebaja abatement discount rebate
rebanada breadandbutter bread
rebuznar bray
recado errand message
recalar endup end
recelo suspicion
recelocaz suspicion
receloso suspicious
receta prescription recipe
rechazar reject refuse
recibir get have receive
recibo receipt acknowledgement
recientemente recently
recipientedeagua basin reservoir
recitar recite
recoger collect gather pickup get
recogerlamesa clear remove
recomendable recommendable
recomendacion recommendation
recomender commend recommend register
recompensa compensation reward
recompensar compensate reward
reconocer recognize
record record
recorrer cover passthrough pass
recreacion entertainment
recuerdo keepsake memento souvenir memory
red net network
redentor redeemer saviour
redicho hackneyed stale trite hard
redondear round roundoff
redondel arena
redondo round
reduccion abatement discount rebate
reflexion consultation deliberation
reflexionar think reflecton reflect
reflujo lowtide low
refrenar control govern restrain rule
refugio asylum mountainhut climber mountain
regalo gift present
regar irrigate water
region region
registrar examine audit check supervise
registro record register account
regla regulation rule
reglamento regulations rules
rehusar reject refuse
reina queen
reino kingdom
reir laugh
reja barrier fence
relacion relation understanding
relampago lightning
relampaguear lighten
relevar taketheplaceof take
relevo replacement substitution
religion religion
relleno replacement replenishment supplement
reloj watch clock
relojdepulsera watch wrist
relojero watchmaker
remar row
remendar mend patch patchup
remitente sender
remo oar
remolacha beet
remolcar drag tow
remolque trailer
renegado unfaithful
renir quarrel wrangle
reparar fix repair
reparo criticism observation remark reproof
repeler wardoff protect ward
repetir repeat
reponerse revive
reprender reproach rebuke reprove scold
representante agent
representanteexclusivo sole
representar represent act
reprimir bridle check restrain control
reprobable blameworthy censurable condemnable objectionable
reprobacion censure condemnation disapprobation disapproval
reprobar condemn disapprove rebuke reproach
reproduccion image picture figure diagram
reproducir depict represent give introduce
republica republic
repugnancia aversion dislike disgust nausea
repulsar reducetheprice reduce
requerir admonish scold
resabio habit trick
reservar reserve book
resfriado cold
resignacion acquiescence rezignation
resistir resist withstand
resolver decide dissolve solve
respaldo prop support
respectar esteem thinkwellof think
respetable respectable
respetar respect
respiracion respiration breath
respirar exhale breathe
responder answer reply respond
respondera answer
responsabilidad responsibility
responsable accountable responsible
respuesta answer reply
resquebrajarse burst split
restar remain stay stayover
restaurante restaurant
resultado result
resultar pointouttobe point
resumen abridgement abstract resume summery
retaguardia rear rearguard defence
retener detain retain hold
retirarse retreat
retiro isolation separation
retraso delay retardation adjournment
retratar depict represent give introduce
retrato image picture figure diagram
retrete toilet
retroceder gobackwards
retroceso decline goingdown going
retrogrado backward retrograde
retrovisor drivingmirror driving
reumatismo rheumatism
reunion joining junction
reunir join unite
reunirse join
revelar develop reveal
reverso back reverse reverseside
reves back reverse reverseside rear
revisar examine audit check supervise
revisor guard
revista periodical magazine revue
rey king
rezagado laggard straggler
rezar pray
rico nice tasty
ridiculizar ridicule
ridiculo ridiculous
riesgo hazard risk
rigido rigid stiff
rin rhine
rinceronte rhino rhinoceros
rinon kidney
rio river
riqueza abundance affluence wealth
risa laughter
ritmo rhythm
robar rob steal
roble oak
robo abstraction theft
roca reef rock
rocio dew
rodar roll
rodilla knee
rojo red blushing
roma rome
romanico romanesque
romano roman
romeria pilgrimage
romper break
ron rum
roncar snore
ropa clothes clothing
ropadelacama bed bedding
rosa rose
rosado pink
rostro face
roto broken
rubio blond fair
ruedaposterior back hind rear
ruego appeal entreaty supplication
ruido ado din noise sound
ruina ruin
ruisenor nightingale
rumania romania
rumano romanian rumanian
rusa russianwoman
rusia russia
ruso russian
ruta route
sabana sheet
saber know knowhow
sabido well
saborear taste
sacacorchos corkscrew
sacerdote priest
sahara sahara
sajon saxon
sajonia saxe saxony
salario salary wage wages
saldar liquidate pay
salida demand sale exit wayout
salidadelsol sunrise
salir exit goout depart leave
salmo psalm
salmon salmon
salsa gravy sauce
salsademalzanas apple
salsademanzanas apple
saltamontes grasshopper locust
saltar jump leap spring
salteo assault
salto jump leap
salud health
saludar greet salute
saludo greeting salutation
salvador redeemer saviour
salvar keep save rescue
salvia sage
salvo bar barring withoutprejudice except
sanar recover
sandalia sandal
sandwich sandwich
sangrar bleed
sangre blood
sangria bleeding blood
santa saint
santo saint
sapo toad
saquedecomienzo kick
sarten fryingpan frying
sastre tailor
satan lucifer satan
satanas lucifer satan
satelitedelatierra earth
sauce willow
secar dry
seccion section
seco dry
secrecion secretion
secreto hidden secret
secta sect
sed thirst
seducir attract draw
segregar divide separate
seguido directly straighahead straightalong straight
seguir follow
segundo second
seguridad safety security
seguro insurance safe secure
seis six
sellar mark stamp
sello stamp postagestamp postage
sellodecorreos postage stamp
semanalmente weekly
sembrar sow
semejante like alike similar
sena character mark sign signal
senal mark sign signal token
senas address
sencillo simple straightforward
sendero path
senor mister gentleman lord sir
senorita madam mrs
sensible sensitive
sentarse sitdown sit
sentencia decision judgement
sentimiento feel feeling sensation
sentir regret feel sense
sentirse feel
separacion separation partition isolation
separado apart particular separate special
separar divide separate
septiembre september
septimo seventh
serde belong
sereno serene untroubled
serie series set
serio earnest serious staid
serpiente serpent snake
serpresuntuoso attitudinize pose put
servicial accommodating helpful
servicio service worshipservice attendance waiting
servilleta napkin
servir accomodate serve
sesenta sixty
seta fungus mushroom
seudonimo pseudonym
severo severe strict
sevilla seville
sexo sex
sexto sixth
sexual generative sexual
siberia siberia
siberiana siberian
siberiano siberian
sidra cider
siempre constantly continually continuously always
sien temple
sierra mountainchain rand saw chain
siete seven
siglo centennial century
significar imply mean signify
siguiente following next
silbar whistle
silencio calm quiet silence
silla chair
sillon armchair
simple simple straightforward
sin without
sinaliento breathless
sincero honest sincere above
sistema system
sitiar besiege
sitio place location spot seat
sobre envelope upon
sobretodo especially chiefly mainly principally
sobrino nephew
sofocar choke quell suffocate suppress
sol sun
solicitacion request
solicitar ask beg bid request
solicitud request
solido firm robust sturdy solid
sollo sturgeon
solo alone only sole solitary
soltero single unmarried
solteron bachelor
solterona spinster
sombra shadow shade
sombrero hat
somero shallow superficial
sonar dream
sonido sound
sonreir smile
sonrisa smile
sopa soup
soplar blow
sordo deaf
sorprender surprise
sorpresa surprise
sosegado calm tranquil
sosegar appease calm quiet soothe
sosegarse abate subside calmdown calm
sospecha suspicion
sospechar suspect
sosten bra
sostener abet support sustain
sotano basement cellar
subasta tender
subir ascend lift rise arise
subira ascend climb scale
subscripcion subscription
subscriptor subscriber
substantivo noun substantive
substituir taketheplaceof replace substitute take
subyugar govern restrain control rule
sucesivamente consecutively
sucesivo following next
sucinto concise
sucio dirty filthy nasty soiled
sudafricano southafrican
sudamericano southamerican
sudar sweat
sudor perspiration sweat
suecia sweden
sueco swedish swede
suela sole
suelo bottom foundation ground floor
suelto loose
sueno sleep dream
suerte destiny fate fortune luck
suiza switzerland
suizo swiss
sujetador bra
sujetar hold hang
suma amount sum
sumar sumup add count sum
superficie summit surface top
supermercado supermarket
suplemento replacement replenishment supplement
suplicar implore invoke
suponer guess presume suppose surmise
sur south
surinam surinam
surtido assortment
suscribirse subscribe subscribeto
suscripcion subscription
suscriptor subscriber
suspender reject
suspicaz suspicious
suspirar sigh
sustraer subtract
tabaco tobacco
taberna bar pub
tabique wall
tabla shelf lath slat board
taburete barstool bar
taco nail taco
tacon heel
tajada slice
tajo tagus
tal such thatkindof that
talento aptitude disposition talent turn
talentoso gifted talented accomplished
taller workplace
talon heel acknowledgement receipt
talonario cheque
talvez maybe mayhap perchance perhaps
tamano dimension measurement size
tambien also likewise too
tambor drum
tamesis thames
tampoco neither nor
tampon plug tampon
tanque cistern tank
tantico rather
tanto thatmuch that
tapa cover hood lid
tapacubo hub
tapicero paperer paper
tapizar paper
tapon hub
taquilla window ticket
tardar remain stayon stay
tarde afternoon evening
tardio late tardy
tarjeta card map menu postcard
tarjetadecredito credit
tarjetapostal picture postcard
tarjetapostalilustrada picture
tartademanzana apple
tasa assessment
taxi taxi
taza cup
teatro theatre
teatrodevarietes variety
tecnica technics technique
tejado roof
tela bit lump piece cloth
telefono telephone
telegrama telegram
telemando remotecontrol remote
television television
temer fear
temeroso afraid horrible
temor fear
temperatura temperature
tempestad storm
templo temple
temporada season
temprano early
tenazas pincers tongs pairofpincers pair
tenedor fork
tenedordelibros book
tener desire wish have havegot
tenercuidado advert pay watch
tenerelproposito intend mean
tenerexito succeed
tenerlugar come happen occur
tenerpuesto wear
tenerque have must ought should
tenga behold look there here
tenir dye tint
tenis tennis
tension tension
tentacion disposal inclination tendency temptation
tercero third
tercio third
terciopelo velvet
terminado completed done finished over
terminante effective effectual efficacious
terminar accomodate end finish terminate
terminarse end expire come
termino end ending
termometro thermometer
termos thermosbottle thermos thermosflask
ternero calf
terraza terrace
terremoto earthquake
terrenal terrestrial earthen earthly
terreno ground grounds terrain
terrenodelcamping camping
terrenopantanoso marsh swamp
terrestre terrestrial earthen earthly
testigo witness
tetera teapot tea
texto lyric text
tia aunt
tibio lukewarm
tiburon shark
tiempo time while weather
tienda boutique shop store
tiendadecampana tent
tierno soft
tierra earth land soil
tigre tiger
tijeraparasetos hedge
tijeras scissors
tilo lime linden
timbrar mark stamp
timbre bell
timbredealarma alarmbell
timido afraid timid
timon handlebars helm rudder
tinieblas darkness murk
tinta ink
tio uncle
tirantes braces suspenders
tirar fire shoot drag draw
titubear hesitate waver
titulo superscription
toalla towel
tobillo ankle
tocar touchupon play sound touch
tocarlacampanilla give ring
tocino bacon
todavia still yet
todo entire overall whole all
todopoderoso almighty omnipotent all
todos all
tolerar endure tolerate put
tomar accept receive take takein
tomarenconsideracion account consider esteem regard
tomate tomato
tomo volume
toque touch
torcido furious
tormenta storm
tornillo screw
toro bull
torre castle tower
torta pie tart
tortilla omelette
toser cough
toxico poisonous
trabajador hand laborer labourer operative
trabajar work
trabajo job work
traducir translate
traer bring fetch
trafico traffic
traficodedireccionunica one
tragar engulf swallowup swallow
traje costume outfit suit
trajedebano bathing
tranquilo calm tranquil
transbordador ferry
transitable passable practicable
transitivo transitive
transpirar sweat
transportar transport
transporte transport
tranvia streetcar tram
tras behind after
trasladar copy
traslado copy
trasporte transport
trastornar overthrow turn upset
tratado treaty
tratamiento treatment
tratar treat handle
tratarde aim attempt endeavour take
trato treatment
trece thirteen
treinta thirty
tremblar quiver shiver tremble
tren train
trencorrido corridor
trepar climb
tres three
tresillo lounge three
tresveces three thrice
tributo tax tribute
tricar carriertricycle carrier
trigo wheat
trillado hackneyed stale trite hard
trinidad trinity
trinquete clique coterie junto set
tripulacion crew
triste sad bleak dismal dreary
tristeza sadness sorrow
trivial commonplace dismal trite
trombon trumpet
tronar thunder
tronco stem trunk tree
trono throne
trozo slice
trucha trout
trueno thunder
tuboreceptor cathode
tuerca nut
tumba grave tomb
tumor tumor tumour
tunel tunnel
tunez tunis
turca turkishwoman
turco turkish turk
turista tourist
turno file line rank row
turquia turkey
tutear theeandthou thee
ulcera ulcer sore
ultimo last
ultrajar abuse insult offend
una one nail
unas any some
unavez once one
unico alone only sole solitary
union joining junction
unirse associate join pool
universal general usual
universidad university
uno one
unos any some
unoymedio one
urbano urban
urgente pressing urgent
urgentemente urgently
urraca magpie
uruguay uruguay
usado worn used
usar wearout employ use makeuseof
uso use
usted thou you
ustedes you thou
utero uterus womb
uva grape
vaca cow
vacaciones vacation
vaciar empty bottle
vacilacion hesitation wavering
vacilar hesitate waver
vacio empty void
vainilla vanilla
vale agreed okay
valencia valencia
valer beworth
valido valid
valle valley
valor courage value worth
valoraren blame hold
valuta currency
valvula tube valve
vampiro vampire
variar vary
variedad variety
varios several
vasco basque basquelanguage
vascuence basque basquelanguage
vaso glass vase vessel
vecino adjacent adjoining nearby neighbouring
vegetacion vegetation
vegetariano vegetarian
veinte twenty
veinteyuno twenty
vejiga bladder bubble
vela candle
velludo hairy hirsute
velocidad speed
velocidadinicial initial
vena vein
vencimiento end terminate
vendaje bandage
vendar dress
vendedor salesman
vendedora saleswoman
vender sell vend dispose
veneno poison
venezuela venezuela
venganza revenge vengeance
vengar avenge avengeoneself
venir come
venirdespues arrive come follow
venta sale
ventaja advantage benefit
ventana window
ventilador ventilator electric
ventilar aerate ventilate air give
ver see consider deem look
verano summer
verbena fair
verdad reality truth
verdaderamente absolutely genuinly indeed really
verdadero true
verde green
verduras vegetable
vergonzoso ashamed humiliating
verguenza shame
vermut vermouth
verter pourin pour
vestibulo hall
vestido dress gown robe
vestir cover overlay clothe dress
vestirse dress getdressed get
veterinario veterinarian
via path road way route
viajar travel
viaje journey trip voyage
viajero traveller
viaticar administerthelastsacraments administer
vibora adder viper
victoria victory
vida life
vidrio glass
viejo old
viena vienna
viento wind
vientre abdomen belly tummy
viernes friday
viga beam girder
vigilar guard keep watchover look
vina vine
vinagre vinegar
violento acute intense intensive
violoncelo cello
virtud energy force strength vigour
visado visa vise vis
visita visit
visitacion inspection
visitar attend see visit call
vista appearance aspect look sight
vistula vistula
vitamina vitamin
viudo widower
vivir live
vivo alive
vizcaya biscay
volante handlebars helm rudder joystick
volar fly
voltaje tension voltage
voluntad will willingness wish
voluntariamente willingly
volver turnaway return turn turnround
vomitar vomit throw
vosotras you thou
vosotros you thou
votar vote
voz voice
vuelo flight
xilofono xylophone
yaque because for since
yate yacht
yedra ivy
yerba grass herb
yerno son
yerro aberration error mistake
yodo iodine
yogur yoghourt yoghurt
ytambien and together
yugo yoke
yugoeslavia yugoslavia
yunque anvil
zalamero affectionate caressing cuddlesome cuddly
zambullirse dive plunge
zanahoria carrot
zanja hole ditch pit
zapatero shoemaker
zapatilla slipper
zapato shoe
zarza blackberry bramble
zarzamora blackberry
zelandes zealand zealander
zelandia zealand
zinc zinc
zona zone
zorro fox
zote addled foolish stupid
zumo juice sap
zumodenaranja orange
zurrar thrash
"""
