# Candidate pools per rule: 'words' finds items sharing the rule's words (hard negatives and literal hits),
# 'meaning' finds items that may carry the meaning without the words (synonyms, named instances, metadata).
# Regexes are matched case-insensitively unless the key ends in '_cs'.
POOLS = {
 'R01': dict(words=r'\bborder|fortif', meaning=r'\b(wall|fence|barrier|trench|berm|watchtower|landmine|anti-personnel|Ottawa Treaty|defen[cs]e line|East Shield|buffer zone|minefield)'),
 'R02': dict(words=r'\bIraq', meaning=r'(U\.S\.|United States|American|CENTCOM|Pentagon|coalition)[^.]*(troops|forces|base|service member|military|soldier|strike|withdraw)|Ain al-Asad|Al-Asad|Harir|Victory Base'),
 'R03': dict(words=r'\bIran', meaning=r'Shahed|IRGC|Revolutionary Guard|ballistic|Fattah|Kheibar|Sejjil|Geran'),
 'R04': dict(words=r'Houthi', meaning=r'Yemen|Ansar Allah|Red Sea|Gulf of Aden|Bab.el.Mandeb'),
 'R05': dict(words=r'Lebanon|Lebanese', meaning=r'Hezbollah|Beirut|Dahieh|Nabatieh|Tyre|Sidon|Baalbek|Bekaa|UNIFIL|Litani'),
 'R06_cs': dict(words=r'\bIS\b|\bISIS\b|\bISIL\b', meaning=r'Islamic State|Daesh|ISWAP|IS-K|ISKP|ISCAP|Allied Democratic Forces|jihadist'),
 'R07': dict(words=r'peacekeep|\bUN\b|United Nations', meaning=r'UNIFIL|MONUSCO|MINUSCA|UNMISS|MINUSMA|UNDOF|blue helmet|AUSSOM|multinational (security|force)'),
 'R08_cs': dict(words=r'\bAU\b|\bAu\b', meaning=r'African Union|AUSSOM|AMISOM|ATMIS|Addis Ababa'),
 'R09': dict(words=r'sanction', meaning=r'European Union|\bEU\b|Brussels|shadow fleet|price cap|frozen (Russian )?assets|Kallas|von der Leyen'),
 'R10': dict(words=r'NATO|airspace', meaning=r'(Poland|Polish|Estonia|Latvia|Lithuania|Romania|Finland|Denmark|Danish|Baltic)[^.]*(drone|jet|fighter|MiG|balloon)|scrambl|Eastern Sentry|Article 4'),
 'R11': dict(words=r'Georgia|protest', meaning=r'Georgian|Tbilisi|Georgian Dream|Kobakhidze|Rustaveli'),
 'R12': dict(words=r'Congo|rebel', meaning=r'M23|AFC|Goma|Bukavu|Kivu|Ituri|CODECO|ADF|Kinshasa|Tshisekedi|Brazzaville|\bDRC\b'),
 'R13_cs': dict(words=r'\bRSF\b|Sudan', meaning=r'Rapid Support|paramilitar|El Fasher|Darfur|Kordofan|Hemedti|Dagalo|Janjaweed|Reporters Without Borders'),
 'R14': dict(words=r'Ukrain[^.]*drone|drone[^.]*Russia', meaning=r'refinery|oil depot|Kursk|Belgorod|Bryansk|Moscow|Crimea|Novorossiysk|air defen[cs]e'),
 'R15': dict(words=r'Gaza', meaning=r'cease.?fire|truce|hostage|Hamas[^.]*(deal|talks|agree)|peace plan|Board of Peace|Sharm'),
 'R16': dict(words=r'election|electoral|fraud|rigg', meaning=r'irregularit|annul|manipulat|recount|ballot|vote.buying|disputed|stolen|OSCE'),
 'R17': dict(words=r'cyber|attack', meaning=r'hack|ransomware|malware|virus|worm|denial.of.service|DDoS|spyware|trojan|breach|data leak|botnet'),
 'R18': dict(words=r'earthquake', meaning=r'quake|tremor|magnitude|seismic|tsunami|aftershock|Richter'),
 'R19': dict(words=r'central bank|interest rate|\brates?\b', meaning=r'Federal Reserve|\bFed\b|Bank of England|ECB|European Central Bank|Bank of Japan|Reserve Bank|Monetary Policy Committee|Greenspan|rate (rise|cut|hike)|borrowing costs|base rate|inflation'),
 'R20': dict(words=r'armed group|kidnap', meaning=r'abduct|hostage|gunmen|bandit|ransom|seiz(e|ed) [^.]*(people|students|passengers|workers)|taken captive'),
 'R21': dict(words=r'e-?mails?|scam|phishing', meaning=r'fraudster|con ?men|identity theft|ID theft|spoof|bogus|fake (bank|web)|419|spam'),
 'R22': dict(words=r'Red Sea|shipping', meaning=r'Bab.el.Mandeb|Gulf of Aden|Suez|cargo ship|vessel|tanker|Eilat|Hodeidah|merchant'),
}
# 'likely': a tight search for items that probably carry the rule's meaning, so rare topics get positives.
LIKELY = {
 'R01': r'fortif|border (wall|fence|barrier)|(wall|fence|barrier)[^.]{0,40}border|reinforces its border|Ottawa Treaty|drone wall|border-security project',
 'R02': r'(U\.S\.|United States|American)[^.]*(troops|forces|base|service member|military|Army|Air Force|airbase|airstrike|strike)[^.]*Iraq|Iraq[^.]*(U\.S\.|United States|American)[^.]*(troops|forces|base|service member|military|airbase|strike)',
 'R03': r'Iran[^.]*(missile|drone)|(missile|drone)[^.]*Iran|Shahed',
 'R04': r'Houthi[^.]*(attack|launch|fire|strike|target|missile|drone)|(missile|drone)[^.]*from Yemen',
 'R05': r'Israel[^.]*(strike|airstrike|bomb|drone)[^.]*Lebanon|(strike|airstrike)[^.]*(Lebanon|Beirut|Nabatieh|Tyre|Bekaa)',
 'R06_cs': r'(Islamic State|ISIS|\bIS\b|ISWAP|ISCAP|Daesh)[^.]*(attack|kill|claim|bomb|ambush)|(attack|kill|claim|bomb|ambush)[^.]*(Islamic State|ISIS|\bIS\b|ISWAP|Daesh)',
 'R07': r'peacekeep|UNIFIL|MONUSCO|MINUSCA|UNMISS',
 'R08_cs': r'African Union|\bAU\b',
 'R09': r'(European Union|\bEU\b)[^.]*sanction[^.]*Russia|sanctions package|EU-sanctioned',
 'R10': r'airspace',
 'R11': r'Georgian protest|Tbilisi|Georgian Dream|Georgia[^.]*protest',
 'R12': r'M23|rebels?[^.]*Congo|Congo[^.]*rebel|Allied Democratic Forces|CODECO|Brazzaville',
 'R13_cs': r'\bRSF\b|Rapid Support',
 'R14': r'Ukrain[^.]*drone[^.]*Russia|drone[^.]*(Moscow|Belgorod|Kursk|Bryansk|Rostov|refinery|Novorossiysk)',
 'R15': r'Gaza[^.]*(cease.?fire|truce)|(cease.?fire|truce)[^.]*(Gaza|Hamas)',
 'R16': r'fraud[^.]*(election|vote|ballot|poll)|(election|vote|ballot|poll)[^.]*(fraud|rigg|irregularit|manipulat)|rigged',
 'R17': r'cyber.?attack|hack(er|ed|ing)|ransomware|malware|denial.of.service|virus|worm',
 'R18': r'earthquake|quake',
 'R19': r'central bank|interest rates?|Federal Reserve|Bank of England|European Central Bank|ECB|Reserve Bank',
 'R20': r'kidnap|abduct',
 'R21': r'phishing|scam|fraudulent e-?mail|fake (bank )?e-?mail',
 'R22': r'Red Sea',
}
# Second round ('topup'), after the first labels showed rules with few positives: wider searches for the rules whose
# 'likely' pool was used up, more draws from the others.
TOPUP = {
 'R01': (r'border[^.]*(wall|fence|barrier|trench|mines|fortif|defen[cs]es|construct|build)|(wall|fence|barrier|trench|mines|fortif)[^.]*border|Baltic Defen[cs]e Line|East Shield|anti-personnel', 15),
 'R02': (LIKELY['R02'], 9),
 'R06_cs': (LIKELY['R06_cs'], 10),
 'R07': (LIKELY['R07'], 8),
 'R09': (r'(European Union|\bEU\b|European Council|European Commission|Brussels)[^.]*(Russia|Russian)|(Russia|Russian)[^.]*(European Union|\bEU\b)', 15),
 'R11': (r'(Georgia|Georgian|Tbilisi)[^.]*(protest|demonstrat|rally|crackdown|arrest|detain|police|opposition)|(protest|demonstrat|rally|crackdown|arrest|detain|police|opposition)[^.]*(Georgia|Georgian|Tbilisi)', 15),
 'R16': (r'vote-rigging|ballot.stuffing|electoral fraud|election fraud|vote.buying|irregularit|postal (vote|ballot)|rigged', 12),
 'R17': (LIKELY['R17'], 8),
 'R19': (LIKELY['R19'], 12),
 'R21': (LIKELY['R21'], 12),
}
# Third round ('round3'), for the rules R23-R29 added to give the tuning part the kinds whose precision failed on
# unseen text (named and armed groups with an action, 'X forces <country>', an acronym that is also a word, a place
# plus an event, a NOT rule): per rule a 'likely', 'words' and 'meaning' pool as in the first round.
ROUND3 = {
 'R23': dict(likely=r'Shabaa?b[^.]*(attack|bomb|ambush|kill|claim|storm|assault|mortar|fired|seiz|captur)|(attack|bomb|ambush|mortar)[^.]*Shabaa?b',
             words=r'Shabaa?b|attack[^.]*Somali|Somali[^.]*attack',
             meaning=r'Somalia|Mogadishu|Jubaland|Puntland|AUSSOM|Shabelle|Hiran|Galmudug|Baidoa|Kismayo'),
 'R24': dict(likely=r'(militant|TTP|Tehrik|Taliban|Baloch|BLA|insurgent|terrorist|gunmen|suicide)[^.]*(attack|bomb|ambush|kill|storm|hijack)[^.]*(Pakistan|Balochistan|Khyber|Waziristan|Peshawar|Quetta)|(Pakistan|Balochistan|Khyber Pakhtunkhwa)[^.]*(militant|TTP|BLA|suicide bomb|gunmen)',
             words=r'Pakistan|militant',
             meaning=r'Balochistan|Khyber|Waziristan|\bTTP\b|Tehrik|Jaffar Express|Quetta|Peshawar|Bannu|Baloch Liberation'),
 'R25': dict(likely=r'Israel[^.]*(forces|troops|army|IDF|soldiers|strike|airstrike|raid|incursion|advance)[^.]*(Syria|Quneitra|Daraa|Damascus)|(Syria|Quneitra|Daraa|Damascus)[^.]*(Israeli (forces|troops|army|soldiers|strike|airstrike|drone)|IDF)',
             words=r'Israel|Syria',
             meaning=r'IDF[^.]*(Quneitra|Daraa|Golan|Hermon)|Quneitra|buffer zone|Mount Hermon|Sweida|Suwayda|Beit Jinn|Golan'),
 'R26': dict(likely=r'(U\.S\.|United States|American|\bUS\b|Pentagon|Hegseth)[^.]*(strike|military|forces|troops|Navy|warship|carrier|bomb|operation|boat)[^.]*(Venezuela|Maduro|Caracas)|(Venezuela|Caracas)[^.]*(U\.S\.|United States|American|\bUS\b)[^.]*(strike|military|forces|troops|warship|operation)',
             words=r'Venezuela|military',
             meaning=r'Caribbean|drug (boat|vessel)|narco|Southern Spear|SOUTHCOM|Southern Command|Maduro|Cartel de los Soles|Tren de Aragua|Gerald R\. Ford'),
 'R27_cs': dict(likely=r'\bICE\b|Immigration and Customs Enforcement',
             words=r'\b[Ii]ce\b|\b[Rr]aids?\b',
             meaning=r'[Ii]mmigration (agent|officer|raid|enforcement|detention|sweep|crackdown)|[Dd]eport|Border Patrol|Homan|Noem|Homeland Security|\bDHS\b|Alligator Alcatraz|detention (center|facility)'),
 'R28': dict(likely=r'Gaza[^.]*(famine|starv|malnutrition|hunger)|(famine|starv|malnutrition|hunger)[^.]*Gaza',
             words=r'Gaza|famine',
             meaning=r'starv|malnutrition|hunger|\bIPC\b|food insecurity|aid (trucks|convoy|distribution)|Gaza Humanitarian Foundation|\bGHF\b|World Food Programme|\bWFP\b|UNRWA'),
 'R29': dict(likely=r'wildfire|bushfire|forest fire|wild fire',
             words=r'\bfires?\b|California',
             meaning=r'blaze|firefighters|hectares|acres|Los Angeles|Palisades|Eaton|evacuat|heatwave|heat wave'),
}
# Fourth round ('round4'), one more tuning rule of the kind of the held-out false alarms' largest share (an armed
# group with an action: a kidnapping), so that kind can be tuned on fairly.
ROUND4 = {
 'R30': dict(likely=r'(gunm[ae]n|bandits?|militants|armed men|jihadists|gang members)[^.]*(kidnap|abduct)|(kidnap|abduct)[^.]*(gunm[ae]n|bandits|armed men)',
             words=r'gunm[ae]n|kidnap',
             meaning=r'abduct|hostages?|ransom|captive|taken captive|seized [^.]*(passengers|students|villagers|worshippers|workers)'),
}
# Fifth round ('round5'), three tuning rules of the kinds of the held-out false alarms that the tuning part lacked:
# a group with an action where operations against the group and background mentions of its past attacks are common
# (R31), a country's forces in a country where history and other countries' forces are common (R32), and a rule whose
# country is often only in a topic heading that lends it to others' actions (R33, the 2026 Iran war's headings).
ROUND5 = {
 'R31': dict(likely=r'Hamas[^.]*(attack|ambush|rocket|fired|sniper|explosive|opened fire|killing)|(attack|ambush|rocket)[^.]*Hamas|Qassam Brigades',
             words=r'Hamas',
             meaning=r'Qassam|October 7|7 October|Palestinian (militants|gunmen)|Islamic Jihad|rockets?[^.]*Gaza|Gaza[^.]*rockets?|hostage'),
 'R32': dict(likely=r'(U\.S\.|United States|American|\bUS\b)[^.]*(troops|forces|soldiers|military|base)[^.]*Syria|Syria[^.]*(U\.S\.|American|\bUS\b)[^.]*(troops|forces|soldiers|base)',
             words=r'Syria',
             meaning=r'(U\.S\.|United States|American|CENTCOM|Pentagon|coalition)[^.]*(troops|forces|base|service member|soldier|withdraw|drawdown)|Tanf|Deir ez-Zor|Hasakah|Syrian Democratic Forces|\bSDF\b|Operation Hawkeye'),
 'R33': dict(likely=r'(Iran|Iranian|IRGC|Revolutionary Guard)[^.]*(strike|missile|drone|attack|projectile)[^.]*(Israel|Kuwait|Bahrain|Emirates|UAE|Qatar|Saudi|Iraq|base|Gulf|Haifa|Tel Aviv)|Iranian strikes on',
             words=r'\bIran|\bstrikes?\b',
             meaning=r'IRGC|Revolutionary Guard|Shahed|ballistic|True Promise|projectile|interceptor|air raid siren'),
}
# Sixth round ('round6'), one more tuning rule of the kind of the held-out part's second largest share of false alarms
# (operations against a group or its losses told without a target word: towns recaptured from it, its slain): a
# group with an action where the news reports the army's operations against the group as often as its own attacks.
ROUND6 = {
 'R34': dict(likely=r'(RSF|Rapid Support)[^.]*(attack|drone|shell|bomb|assault|massacre|storm|strike|raid)|(attack|drone strike|shelling|assault|raid)[^.]*(\bRSF\b|Rapid Support)',
             words=r'\bRSF\b|Rapid Support',
             meaning=r'Sudanese Armed Forces|\bSAF\b|El Fasher|Kordofan|Darfur|paramilitar|Janjaweed|Port Sudan|El Obeid|Babanusa|Hemedti|Dagalo'),
}
# A top-up for R31 ('r7topup'), drawn after the sixth round: its labels found 2 relevant items, fewer than every other
# rule's (the set's minimum is 3), so a wider search for Hamas's own attacks gives it more.
TOPUP_R31 = (r'Hamas[^.]*(claim|responsib|fired|launch|ambush|sniper|explosive device|opened fire|rocket|mortar|gunmen|infiltrat)|(ambush|rocket|mortar|sniper)[^.]*Hamas|Qassam[^.]*(claim|fire|ambush|attack|explosive)', 8)
# Seventh round ('round7', selection tags 'r8…' because 'r7' is the R31 top-up), two tuning rules of the held-out
# false alarms' kinds that the tuning part still lacked: a group with an action where the army's operations against
# the group, and its past attacks told as background, dominate the news (R35, Boko Haram: Nigeria's and Chad's
# offensives, jihadists killed in Borno), and a `<demonym> <weapon> attack <country>` list of the R14 kind where
# the other side's strikes, the other weapon and the war's headings share the words (R36).
ROUND7 = {
 'R35': dict(likely=r'Boko Haram[^.]*(attack|kill|raid|ambush|bomb|abduct|storm|suicide|massacre)|(attack|raid|ambush|suicide bomb|massacre)[^.]*Boko Haram',
             words=r'Boko Haram',
             meaning=r'ISWAP|Islamic State West Africa|Borno|Maiduguri|Lake Chad|jihadists?[^.]*Nigeria|Nigeria[^.]*jihadist|Shekau|Boko Haram insurgency'),
 'R36': dict(likely=r'(Russia|Russian)[^.]*(missile|ballistic|cruise)[^.]*(Ukrain|Kyiv|Kharkiv|Odesa|Dnipro|Lviv|Zaporizhzhia|Ternopil|Sumy|Poltava)|missiles?[^.]*(strike|attack|hit)[^.]*(Kyiv|Kharkiv|Odesa|Dnipro|Lviv|Zaporizhzhia)',
             words=r'(Russia|Ukrain)[^.]*missile|missile[^.]*(Russia|Ukrain)',
             meaning=r'Iskander|Kinzhal|Kh-101|Kalibr|Oreshnik|ballistic|cruise missile|air raid|air defen[cs]e|energy infrastructure|Attacks on civilians in the Russian invasion|Russian strikes against Ukrainian'),
}
# Eighth round ('round8', selection tags 'r9…'), fresh tuning material for the existing tuning rules, drawn because
# the tuning part's precision (0.968) ran well ahead of the held-out part's (0.864): the readings fitted the tuning
# items. Mostly 'words' pools (items sharing a rule's words, the hard negatives) for the rule kinds behind the
# held-out pairs below a baseline (a `<demonym> <weapon> attack <country>` list: R14, R36; a demonym with an action:
# R33, and any demonym with a strike or attack) and for the tuning rules with false alarms left (R10 most), then
# random items. No new rules.
ROUND8_WORDS = [
 ('R14', r'Ukrain[^.]*drone|drone[^.]*Russia', 10),
 ('R36', r'(Russia|Ukrain)[^.]*missile|missile[^.]*(Russia|Ukrain)', 5),
 ('R33', r'\bIran|\bstrikes?\b', 10),
 ('R33', r'\b(Iranian|Ukrainian|Russian|Israeli|American|Pakistani|Sudanese|Nigerian|Somali|Syrian|Lebanese)\b[^.]*\b(strikes?|attack(s|ed)?|drones?|missiles?)\b', 8),
 ('R10', r'NATO|airspace', 6),
 ('R01', r'\bborder|fortif', 3),
 ('R06', r'\bIS\b|\bISIS\b|\bISIL\b|Islamic State', 3),
 ('R07', r'peacekeep|\bUN\b|United Nations', 3),
 ('R09', r'sanction', 3),
 ('R17', r'cyber|attack', 3),
 ('R29', r'\bfires?\b|California|wildfire', 3),
]
# Ninth round ('round9', selection tags 'r10…'), two tuning rules of the kinds the eighth round's held-back readings
# touch, so that tuning material can tell which of them generalises: a demonym with a strike at a place (R37), where
# the country acts through its services by name (SBU, GUR, the navy's sea drones), interceptions reported by the
# other side and weapons told hitting their targets are common, and the place is often the origin of the other
# side's strikes; and a drone rule with an airspace or airport word (R38), where drone sightings close airports,
# drones violate airspace and other wars' drone attacks on airports share the words.
ROUND9 = {
 'R37': dict(likely=r'Crimea[^.]*(strike|drone|missile|attack|hit|explosion|sea drone)|(strike|drone|missile|attack|hit)[^.]*Crimea|Sevastopol|Kerch|Black Sea Fleet',
             words=r'Crimea|\bUkrainian\b[^.]*\bstrikes?\b',
             meaning=r'Sevastopol|Kerch|Black Sea Fleet|Saky|Belbek|Dzhankoi|Feodosia|Yevpatoria|Simferopol|\bSBU\b|\bGUR\b|sea drone|naval drone|Magura|Sea Baby'),
 'R38': dict(likely=r'drones?[^.]*(airport|airspace)|(airport|airspace)[^.]*drones?|drone (sighting|incursion)',
             words=r'airport|airspace|\bdrones?\b',
             meaning=r'\bUAVs?\b|unmanned aerial|Shahed|flights? (suspended|halted|diverted|grounded)|(suspend|halt|divert|ground)\w* flights|air traffic|incursion|no-fly|drone wall'),
}
# Tenth round ('round10', selection tags 'r11…'), no new rules: fresh tuning items of the kinds of the held-out part's
# false alarms that the tuning part has too few of (its false alarms read by kind only, not by text), mostly hard
# negatives for the tuning rules of those kinds. Wikipedia items only: every such false alarm is one. Each entry:
# the tuning rule the kind is nearest to, the pool's regex over title and text, how many items.
ROUND10_WORDS = [
 # a group's past attack or kidnapping told as the background of another event (a militant killed, a hostage's
 # release or body, a trial): R30 `gunmen kidnap*`, R31 `Hamas attack*`
 ('R30', r'(took part|taking part|participat|responsible for|accused of|involved in|architect|orchestrat|masterminded)[^.]*(kidnap|abduct|hostage|attack|massacre)|(kidnapped|abducted|taken hostage|seized) (during|in) the', 8),
 # operations against a group (air strikes targeting it, towns recaptured from it, an offensive against it, its
 # losses): R06 `IS attack*`, R34 `RSF attack*`, R35 `Boko Haram attack*`, R04 `Houthi attack*`
 ('R06', r'(airstrikes?|strikes?|offensive|operations?|raids?|campaign)[^.]*(against|targeting|on) (the )?(al-Shabaab|Islamic State|ISIS|ISIL|RSF|Rapid Support|Boko Haram|ISWAP|Houthis?|Hamas|JNIM)|(recapture|retake|liberate|clear)\w*[^.]*from (the )?(al-Shabaab|Islamic State|ISIS|ISIL|RSF|Rapid Support|Boko Haram|ISWAP|Houthis|Hamas|JNIM|M23)', 8),
 # a demonym or country as the target, the owner of a thing or a mere modifier, not the doer: R33 `Iranian strike*`,
 # R14 `Ukrainian drone attack Russia`, R36 `Russian missile attack Ukraine`
 ('R33', r'(strikes?|attacks?|airstrikes?) (on|against) (Iran|Russia|Ukraine|Israel)\b|\b(Iranian|Russian|Ukrainian|Israeli) (airline|flight|tanker|ship|vessel|jets?|officials?|territory|embassy|nationals?|diplomats?|port|refinery|airport)', 6),
 # other countries' forces, or a country's non-military people, with a place of a forces rule: R32 `US troops
 # Syria`, R26 `US military Venezuela`
 ('R32', r'\b(NATO|coalition|Norway|Norwegian|French|France|British|German|Turkish|Russian|Italian|Spanish)\b[^.]*\b(troops|forces|military|personnel|soldiers)\b[^.]*\b(Iraq|Syria|Venezuela)|\b(U\.S\.|US|American|United States) (president|officials?|envoy|embassy|company|firm|citizens?|nationals?|sanctions)[^.]*\b(Iraq|Syria|Venezuela)', 5),
]
# and a topic heading that names an event over a text about something else (airports reopening, trials, talks under
# *2026 Iranian strikes on …*, *… insurgency*): the heading matches, the text names no attack, strike, drone or missile.
ROUND10_HEADINGS = (r'\b(strikes|attacks?|offensive|insurgency|war|campaign)\b', r'\b(strik|attack|missile|drone|shell|bomb|kill|raid|ambush)', 5)
# Eleventh round ('round11', selection tags 'r12…'), no new rules: fresh items of the classes of false alarm the
# tenth round's held-out part still had most of (read by kind, not by text), Wikipedia items only, a third held out
# so that the held-out part grows with fresh material too. Each entry: the tuning rule the class is nearest to, the
# pool's regex over title and text, how many items.
ROUND11_WORDS = [
 # a past kidnapping or attack told as the background of a release, a rescue, a return or a finding, with a
 # lowercase or generic actor (gunmen, armed men, bandits, militants, kidnappers): R30 `gunmen kidnap*`
 ('R30', r'(released|freed|rescued|escaped|returned|reunited|found)[^.]*(kidnap|abduct|hostage|captiv)|(kidnapp|abduct)\w* (earlier|last|in (January|February|March|April|May|June|July|August|September|October|November|December)|in 20)', 7),
 # a past attack told as the background of a trial, a sentence, an anniversary, a memorial or an inquiry: R24
 # `militant* attack* Pakistan`, R06 `IS attack*`
 ('R24', r'(trial|sentenced|convicted|anniversary|commemorat|memorial|inquiry|verdict|extradit)[^.]*(attack|bombing|massacre|kidnap|shooting)', 6),
 # a cause reported instead of the event: a strike in retaliation for, or in response to, an attack
 ('R33', r'(in retaliation for|retaliation for|in response to|revenge for|retaliatory)[^.]*(attack|strike|drone|missile|kidnap|bombing)', 7),
]
# and a topic heading that names a conflict, a group or an event over a text about something else (talks, aid,
# elections, displacement, a trial): the heading names an armed conflict, the text no attack, strike, drone, missile,
# kidnapping or killing.
ROUND11_HEADINGS = (r'\b(insurgency|conflict|war|crisis|offensive|strikes|attacks|kidnappings?|campaign)\b',
                    r'\b(strik|attack|missile|drone|shell|bomb|kill|raid|ambush|kidnap|abduct|fire|clash)', 7)
# Twelfth round ('round12', selection tags 'r13…'), no new rules, drawn after the eleventh was labelled and benchmarked
# (whose 30 items gave one fresh false alarm): the same three classes, drawn closer to the rules' words, Wikipedia
# items only, a third held out. A past kidnapping or attack of a lowercase or generic actor told with a past marker
# (R30 `gunmen kidnap*`, R24 `militant* attack* Pakistan`); an attack, strike or kidnapping after 'after',
# 'following' or 'in the wake of', the cause of what the item reports (R33 `Iranian strike*`).
ROUND12_WORDS = [
 ('R30', r'\b(militants?|gunmen|rebels?|bandits?|insurgents?|jihadists?|armed men|gangs?|kidnappers)\b[^.]*(kidnap|abduct|attack|ambush|raid)[^.]*(in 20\d\d|last (year|month|week)|years? ago|months? ago|earlier this|previously)|\b(who|which) (was|were|had been) (kidnapped|abducted|attacked)', 8),
 ('R33', r'\b(after|following|in the wake of|days after|a day after|hours after)\b[^.]*\b(attacks?|strikes?|kidnapping|abduction|bombing|ambush|airstrikes?)\b', 8),
]
# and a topic heading that shares a rule's action word over a text without it (a kidnapping heading over an attack
# without abductions, a strikes heading over diplomacy): the heading has the word, the text has no form of it.
ROUND12_HEADINGS = [
 (r'kidnap|abduct', r'kidnap|abduct|hostage|captiv', 3),
 (r'\b(strikes?|attacks?|airstrikes?)\b', r'\b(strik|attack|airstrike)', 4),
 (r'drone|missile|airspace', r'drone|missile|airspace', 2),
]
# Thirteenth round ('round13', selection tags 'r14…'), one tuning rule of a kind the set lacked: a list that opens with
# a two-word generic actor (R39 `armed group* attack* Nigeria`; the held-out R20 `armed group* kidnap*` is the only
# other), where the army's operations against the groups, rescues, and attacks told as the background of other news
# share the words.
ROUND13 = {
 'R39': dict(likely=r'(bandits?|gunmen|jihadists?|militants?|insurgents?|Boko Haram|ISWAP|Lakurawa|herders?|armed (men|group))[^.]*(attack|raid|kill|storm|ambush|abduct|kidnap)[^.]*(Nigeria|Borno|Zamfara|Kaduna|Katsina|Kebbi|Niger State|Plateau|Benue|Kwara|Kogi|Sokoto|Yobe|Adamawa)',
             words=r'Nigeria|\barmed groups?\b',
             meaning=r'Borno|Zamfara|Kaduna|Katsina|Kebbi|Plateau State|Benue|Kwara|Kogi|Sokoto|Yobe|Adamawa|Maiduguri|Lakurawa|ISWAP|Fulani|Nigerian bandit conflict|Kidnapping in Nigeria'),
}
# Fourteenth round ('round14', selection tags 'r15…': 'r14' is the thirteenth round's), three tuning rules of shapes the
# set lacked: R40 `military coup` (an event noun with its kind, where trials for past coups, juntas governing years
# later and a 'coup' said of politicians share the word), R41 `Afghanistan Pakistan border` (two countries and a
# place between them, where attacks inside one country near the border and each country's other borders share the
# words) and R42 `hostage* release*` (an action done to the rule's people, where calls, talks, demands and rescues by
# force share the words). Wikipedia items only, as in the tenth to twelfth rounds: these are its kinds of news.
ROUND14 = {
 'R40': dict(likely=r"\bcoup\b[^.]*(attempt|military|army|soldiers|officers|junta|seiz|overthr|depos|foil|thwart)|(military|army|soldiers|officers)[^.]*(seiz|overthrow|depos|oust)[^.]*(power|president|government)|coup d.[eé]tat",
             words=r'\bcoups?\b',
             meaning=r'junta|putsch|mutin|seiz\w* power|took power|overthr|ousted|deposed|coup'),
 'R41': dict(likely=r'(Afghan|Taliban)[^.]*Pakistan[^.]*border|Pakistan[^.]*(Afghan|Taliban)[^.]*border|border[^.]*(Afghan|Pakistan)|Torkham|Chaman|Durand Line',
             words=r'(?s)(?=.*\bborder)(?=.*(Afghanistan|Pakistan))',
             meaning=r'Torkham|Chaman|Durand|Khyber|Kurram|Spin Boldak|Bajaur|Waziristan|Afghanistan.Pakistan|Pakistan.Afghanistan'),
 'R42': dict(likely=r'hostages?[^.]*(releas|freed|handed over|set free)|(releas|freed|frees|handed over)[^.]*hostages?',
             words=r'\bhostages?\b',
             meaning=r'captives?[^.]*(releas|freed)|(releas|freed)[^.]*captive|(abducted|kidnapped)[^.]*(released|freed)|prisoner (swap|exchange)|hostage crisis'),
}
# Fifteenth round ('round15', selection tags 'r16…'), three tuning rules of the analyst shapes the set had least of:
# R43 `cease-fire violation*` (a spelling variant the corpus never writes: it says *ceasefire*; where ceasefires
# agreed, extended, called for or holding share the words), R44 `Haiti gang* OR kidnapping*` (an OR list with a
# country, another topic than R03's; gangs and kidnappings elsewhere and Haiti's politics share the words) and R45
# `WHO outbreak*` (an acronym that is also a word in capitals, with a concept whose named instances matter: Ebola,
# cholera, mpox; the pronoun *who*, outbreaks of violence and the WHO's other business share the words). Wikipedia
# items only. R45's pools are case-sensitive (the acronym), with case-insensitive groups for the other words.
ROUND15 = {
 'R43': dict(likely=r'(cease.?fire|truce)[^.]*(violat|breach)|(violat|breach)[^.]*(cease.?fire|truce)',
             words=r'cease.?fire|violat',
             meaning=r'despite[^.]*(cease.?fire|truce)|(cease.?fire|truce)[^.]*(broke|broken|break|collaps|shaky|fragile)|(broke|break|breaking)[^.]*(cease.?fire|truce)|\bbreach'),
 'R44': dict(likely=r'Haiti[^.]*(gang|kidnap)|(gang|kidnap)[^.]*Haiti|Viv Ansanm|Gran Grif|Cherizier',
             words=r'Haiti|\bgangs?\b|kidnapping',
             meaning=r'Port-au-Prince|Artibonite|Viv Ansanm|Gran Grif|Cherizier|Multinational Security Support|Gang Suppression Force|Haitian'),
 'R45_cs': dict(likely=r'(World Health Organi[sz]ation|\bWHO\b)(?i:[^.]*(outbreak|epidemic|pandemic|Ebola|cholera|mpox|Marburg|measles|health emergency))|(?i:(outbreak|epidemic)[^.]*)(World Health Organi[sz]ation|\bWHO\b)',
                words=r'\bWHO\b|(?i:outbreak)',
                meaning=r'World Health Organi[sz]ation|Tedros|(?i:Ebola|cholera|mpox|Marburg|epidemic|pandemic|public health emergency)'),
}
