// The search corpus's word list, most frequent first: English function words, then common
// everyday and technical words. Documents draw word number r with probability ∝ 1/r (Zipf's law,
// as word frequencies in real text roughly follow), so "the" is everywhere, "database" is common
// and "quorum" is rare. Lower-case ASCII only: it goes into Postgres as one text[] parameter.
export const VOCABULARY: readonly string[] = [...new Set(`
the of and to a in is that for it as was with be by on not he this are or his from at which but
have an they you were her she there one all we their been has would when if will more no out so
said what up its about into than them can only other new some could time these two may then do
first any my now such like our over man me even most made after also did many before must
through back years where much your way well down should because each just those people how too
little state good very make world still own see men work long get here between both life being
under never day same another know while last might us great old year off come since against go
came right used take three states himself few house use during without again place american
around however home small found thought went say part once general high upon school every
does got united left number course war until always away something fact though water less
public put think almost hand enough far took head yet government system better set told nothing
night end why called eyes find going look asked later knew point next program city
business give group toward young days let room president side social given present several
order national possible rather second face per among form important often things looking early
white case john become large big need four within felt children along saw best church ever
least power development light thing seemed family interest want members mind country area others
although turned done open god service certain kind problem began different door thus help sense
means whole matter perhaps itself york times law human line above name example action company
local show whether five history gave today either act feet across taken past quite anything
having seen death experience body word half really week car field money words already
information tell together college shall sometimes period moment process ago free stood
question seems short making team land data server database query index cache request response
table column row page record user account message queue worker thread process memory disk
network packet socket connection pool client session token cookie header body route handler
middleware function method class object value string number array list map key hash tree graph
node edge search result score rank term document text title content author post comment feed
item order price product customer payment invoice email address phone image file folder path
upload download stream buffer byte bit block chunk batch job task schedule event signal error
warning log metric trace span latency throughput timeout retry backoff limit offset cursor
pagination filter sort join merge split scan seek read write insert update delete select
commit rollback transaction lock mutex deadlock replica primary shard partition cluster region
zone backup restore snapshot migration schema version release deploy build test bug fix patch
feature design review plan goal team manager engineer developer designer writer reader editor
teacher student lesson course class exam grade score paper book chapter story novel poem song
music movie film show episode season game player match ball goal coach league city town village
street road bridge river lake sea ocean mountain hill forest tree flower garden park beach
island desert valley weather rain snow wind storm sun moon star sky cloud morning evening
summer winter spring autumn coffee tea bread cheese apple orange banana lemon tomato potato
rice pasta soup salad pizza cake cookie chocolate sugar salt pepper butter milk egg chicken
fish beef pork kitchen recipe dinner lunch breakfast restaurant hotel airport train bus
bicycle ticket travel trip journey holiday vacation museum gallery theater concert festival
market shop store bank office factory hospital doctor nurse patient medicine health sleep dream
voice letter card gift party friend neighbor brother sister mother father daughter son baby
child parent couple wedding birthday anniversary animal dog cat horse bird mouse rabbit bear
wolf fox lion tiger whale dolphin shark turtle frog bee ant butterfly spider snake
green blue red yellow black brown purple silver golden bright dark quiet loud fast slow quick
easy hard simple complex strong weak heavy light warm cold hot cool fresh clean dirty happy sad
angry calm brave careful curious famous strange ancient modern private secret hidden empty full
rich poor cheap expensive safe dangerous broken perfect random stable rapid careful gentle
wild tiny huge narrow wide deep shallow sharp smooth rough soft loud silent frozen
running walking talking writing reading coding testing learning teaching building cooking
playing singing dancing painting drawing swimming climbing flying driving sailing hiking
fishing camping shopping cleaning fixing moving waiting watching listening thinking
algorithm compiler interpreter runtime kernel protocol framework library package module plugin
adapter gateway proxy balancer router firewall certificate encryption signature password
login logout signup profile avatar dashboard widget button menu dialog modal tooltip sidebar
footer banner layout theme font color pixel screen monitor keyboard laptop phone tablet
printer camera speaker microphone battery charger cable wireless bluetooth satellite rocket
planet galaxy universe atom molecule energy gravity magnet electric engine motor wheel
gear lever spring valve pump pipe tank fuel oil gas steam smoke fire flame spark ash dust
sand stone rock metal iron steel copper gold silk cotton wool leather glass plastic paper wood
brick concrete marble crystal diamond pearl ruby emerald quartz granite
velvet lantern compass anchor harbor lighthouse castle tower palace temple cathedral monastery
pyramid canyon glacier volcano waterfall meadow orchard vineyard prairie tundra marsh swamp
jungle savanna reef lagoon fjord archipelago peninsula plateau
quorum consensus raft paxos gossip vector clock lamport idempotent eventual consistency
linearizable serializable isolation durability atomicity throughput backpressure
jitter hedging bulkhead circuit breaker sidecar mesh ingress egress
`.trim().split(/\s+/))]; // a word listed twice keeps its first rank
