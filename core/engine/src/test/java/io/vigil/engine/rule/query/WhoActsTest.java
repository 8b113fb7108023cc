package io.vigil.engine.rule.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.spi.rule.RuleSyntaxException;
import org.junit.jupiter.api.Test;

/** How a bare list written actor first reads who acts, and how long articles treat passing mentions. */
class WhoActsTest {

    private final QueryRuleTypeFactory factory = new QueryRuleTypeFactory();
    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();

    private boolean matches(String rule, String title, String body) throws RuleSyntaxException {
        return matches(rule, title, body, Proximity.DEFAULT);
    }

    private boolean matches(String rule, String title, String body, Proximity proximity) throws RuleSyntaxException {
        return factory.compile(rule, proximity)
                .match(analyzer.analyze(title, body, "Test Wire", "en"))
                .isPresent();
    }

    @Test
    void anActionGivenToAnotherActorDoesNotCount() throws Exception {
        assertThat(matches(
                        "Houthi attack*", "", "Houthi sources confirm the death of a general in an Israeli airstrike."))
                .isFalse();
        assertThat(matches("Houthi attack*", "", "The Houthi health ministry says strikes by the U.S. killed 53."))
                .isFalse();
        assertThat(matches(
                        "UN peacekeep*",
                        "",
                        "AUSSOM, endorsed by the United Nations, is the African Union's"
                                + " peacekeeping mission in Somalia."))
                .isFalse();
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "A Russian drone crashes in Galati during an attack" + " on Ukraine."))
                .isFalse();
    }

    @Test
    void capitalisedWordsThatNameAnActorTogetherAreTheAgent() throws Exception {
        // Unquoted, "Boko Haram" is two words of the list; together they name a group, the list's agent.
        assertThat(matches("Boko Haram attack*", "", "Troops kill a senior Boko Haram commander in a raid in Borno."))
                .isFalse();
        assertThat(matches("Boko Haram attack*", "", "Soldiers launch an offensive against Boko Haram near Lake Chad."))
                .isFalse();
        assertThat(matches("Boko Haram attack*", "", "Boko Haram fighters attack a village in Borno, killing 20."))
                .isTrue();
    }

    @Test
    void whatTheSubjectLaunchesOrClaimsIsTheSubjects() throws Exception {
        assertThat(
                        matches(
                                "Ukrainian drone attack Russia",
                                "",
                                "Russian forces launch an overnight drone and cruise missile attack, killing three in Kharkiv, Ukraine."))
                .isFalse();
        assertThat(matches(
                        "Boko Haram attack*",
                        "Boko Haram insurgency",
                        "The Islamic State claims responsibility for a series of deadly attacks in Borno."))
                .isFalse();
        // The agent's own launch, and another actor's launch reported after a clause word, still count.
        assertThat(matches("Ukrainian drone attack Russia", "", "Ukraine launches a drone attack on Russia's Ryazan."))
                .isTrue();
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "Russia launches strikes in Kharkiv after a Ukrainian drone attack on Belgorod, Russia."))
                .isTrue();
    }

    @Test
    void twoActorsSideBySideOpeningAListAreItsPartiesNotAnAgentAndItsTarget() throws Exception {
        // Afghanistan is no agent struck in Kabul by another: the list names the two countries' border.
        assertThat(matches(
                        "Afghanistan Pakistan border",
                        "",
                        "A reporter is killed in the Pakistani airstrikes in Kabul, Afghanistan. Another dies covering"
                                + " the shootouts at the border."))
                .isTrue();
        assertThat(matches(
                        "India Pakistan ceasefire",
                        "",
                        "Indian shelling hits a village in Kashmir, Pakistan, hours after the ceasefire."))
                .isTrue();
        // An actor that follows the actions is still the target of the agent's.
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "A Russian drone crashes in Galati during an attack on Ukraine."))
                .isFalse();
    }

    @Test
    void anEventAfterSinceIsThePastStartOfATimeSpan() throws Exception {
        assertThat(matches(
                        "military coup",
                        "",
                        "The African Union holds its first talks in the country since the military seized power in"
                                + " the October 2021 coup."))
                .isFalse();
        assertThat(matches(
                        "military coup",
                        "",
                        "The army ruler steps down as military chief to stand in the first election since the 2021"
                                + " coup."))
                .isFalse();
        // The coup itself, a span that ends at its comma and one without a year (a state that may last) still count.
        assertThat(matches(
                        "Gaza ceasefire", "", "Israeli strikes in Gaza are the deadliest since the ceasefire began."))
                .isTrue();
        assertThat(matches(
                        "Gaza ceasefire",
                        "",
                        "Israeli strikes in Gaza are the deadliest since the January 2025 ceasefire took effect."))
                .isTrue();
        assertThat(matches("military coup", "", "Soldiers stage a military coup and detain the president."))
                .isTrue();
        assertThat(matches(
                        "military coup",
                        "",
                        "Since Wednesday, the military has held the capital after a coup against the president."))
                .isTrue();
    }

    @Test
    void anActorWrittenInLowercaseTurnsTheReadingOff() throws Exception {
        assertThat(matches(
                        "houthi attack*", "", "Houthi sources confirm the death of a general in an Israeli airstrike."))
                .isTrue();
    }

    @Test
    void theAgentsOwnActionsStillCount() throws Exception {
        assertThat(matches("Houthi attack*", "", "The Houthis launch a ballistic missile attack at Israel."))
                .isTrue();
        assertThat(matches("Iran drone OR missile", "", "Iranian missiles are intercepted over the Gulf."))
                .isTrue();
        // A nationality before a word for people is where they come from: these are UN peacekeepers.
        assertThat(matches("UN peacekeep*", "", "Two Ghanaian peacekeepers of UNIFIL are wounded."))
                .isTrue();
        // A NATO member's airspace is NATO's: the agent's own expansions are the agent.
        assertThat(matches("NATO airspace", "", "Russian drones violate Poland's airspace."))
                .isTrue();
    }

    @Test
    void theAgentAsATargetOrARulerIsNoAgent() throws Exception {
        assertThat(matches("IS attack*", "", "Puntland forces conduct airstrikes on ISIL hideouts in Bari."))
                .isFalse();
        assertThat(matches("Houthi attack*", "", "U.S. air raids hit Houthi-controlled areas of Yemen."))
                .isFalse();
        // Written with its action, or as an owner, the agent stays.
        assertThat(matches("UN peacekeep*", "", "A shooting against UN peacekeepers kills a French soldier."))
                .isTrue();
        assertThat(matches("Iran drone OR missile", "", "Israel strikes on Iran's missile sites continue."))
                .isTrue();
    }

    @Test
    void aNationalityBeforeAServiceWordNamesItsOwner() throws Exception {
        assertThat(matches("US military Venezuela", "", "The Venezuelan Armed Forces deploy troops to the coast."))
                .isFalse();
        assertThat(matches("US forces Iraq", "", "Iraqi soldiers clear a village near Mosul."))
                .isFalse();
        assertThat(matches("US military Venezuela", "", "American troops land near Caracas, Venezuela."))
                .isTrue();
    }

    @Test
    void theAgentsNameBeforeAnotherActorsNameMakesItTheAgentsOwnService() throws Exception {
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "A Ukrainian SBU drone attack sets fire to a fuel depot in Bryansk Oblast, Russia."))
                .isTrue();
        assertThat(matches("Iranian strike*", "", "An Iranian IRGC missile strike hits a base in Erbil."))
                .isTrue();
        // Another country's service stays another actor's.
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "A Ukrainian village is hit as an FSB drone attack misfires near the border with Russia."))
                .isFalse();
    }

    @Test
    void aCountrysOtherServiceWordsReadAsItsForces() throws Exception {
        assertThat(matches("US military Venezuela", "2026 United States strikes in Venezuela", "The toll rises to 80."))
                .isTrue();
    }

    @Test
    void aListOpeningWithArmedPeopleHasThemAsItsAgent() throws Exception {
        assertThat(matches("militant* attack* Pakistan", "", "Militants attack a police station in Bannu, Pakistan."))
                .isTrue();
        assertThat(matches(
                        "militant* attack* Pakistan",
                        "",
                        "Pakistani airstrikes on militants in North Waziristan, Pakistan."))
                .isFalse();
    }

    @Test
    void theVictimsOfAKillingAreNoAgent() throws Exception {
        assertThat(matches(
                        "militant* attack* Pakistan",
                        "",
                        "Thirty militants are killed by the army in a series of raids in Bannu, Pakistan."))
                .isFalse();
        assertThat(matches(
                        "IS attack*",
                        "",
                        "Puntland forces kill a senior foreign ISIL commander responsible for drone attacks."))
                .isFalse();
        // Killed in its own attack, or killed with its action right after it, the agent stays.
        assertThat(matches("IS attack*", "", "An Islamic State gunman is killed in a shootout at a checkpoint."))
                .isTrue();
        assertThat(
                        matches(
                                "militant* attack* Pakistan",
                                "",
                                "27 people are killed, including 12 militants, in an attack on a checkpoint in Tank, Pakistan."))
                .isTrue();
        assertThat(matches("UN peacekeep*", "", "Six men are convicted of killing a United Nations peacekeeper."))
                .isTrue();
    }

    @Test
    void aGroupNamedAfterTheVictimsOfAKillingIsNoAgent() throws Exception {
        assertThat(matches(
                        "gunmen kidnap*",
                        "",
                        "The army kills a militant from the Hamas branch Al-Qassam Brigades that took part in the"
                                + " abduction of three soldiers."))
                .isFalse();
        assertThat(matches(
                        "IS attack*",
                        "",
                        "Somali forces kill two commanders of the Islamic State in a raid on its base."))
                .isFalse();
        // Not a group's people: soldiers killed by the group in its attack.
        assertThat(matches(
                        "IS attack*",
                        "",
                        "Islamic State militants kill two soldiers of the army in an attack on a base."))
                .isTrue();
    }

    @Test
    void theAgentAsTheSourceOfAReportIsNoAgent() throws Exception {
        assertThat(matches(
                        "Houthi attack*",
                        "",
                        "The Houthis report that twelve people are killed in airstrikes on a market in Sanaa."))
                .isFalse();
        // A report of its own act, or of its own things, names the source again.
        assertThat(matches("Houthi attack*", "", "The Houthis say that they launched a missile attack on a tanker."))
                .isTrue();
        assertThat(matches("NATO airspace", "", "Norway reports that Russia has violated its airspace."))
                .isTrue();
    }

    @Test
    void aThreatenedOrConditionalActionDoesNotCount() throws Exception {
        assertThat(matches(
                        "Houthi attack*",
                        "",
                        "The Houthis say they will continue their attacks on vessels if the ceasefire is breached."))
                .isFalse();
        assertThat(matches("Houthi attack*", "", "The Houthis vow new attacks on shipping."))
                .isFalse();
    }

    @Test
    void aPermittedActionIsNoEvent() throws Exception {
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "Moscow protests after Berlin votes on allowing Ukraine to use German-built drones to attack"
                                + " airfields in Russia."))
                .isFalse();
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "Kyiv is authorised to fire drones in attacks on Russia's border regions, officials say."))
                .isFalse();
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "Ukrainian drones attack airfields in Russia after Berlin allowed new deliveries."))
                .isTrue();
    }

    @Test
    void aDeedAskedForNegotiatedRefusedOrDelayedIsNotDone() throws Exception {
        assertThat(matches("hostage* release*", "", "Protestors are demanding the release of the hostages."))
                .isFalse();
        assertThat(
                        matches(
                                "hostage* release*",
                                "",
                                "A delegation arrives in Qatar for talks regarding a ceasefire deal and the release of hostages."))
                .isFalse();
        assertThat(matches(
                        "hostage* release*",
                        "",
                        "Israel threatens to annex land if Hamas refuses to release hostages."))
                .isFalse();
        assertThat(matches("hostage* release*", "", "Hamas delays the release of further hostages."))
                .isFalse();
        assertThat(matches("hostage* release*", "", "The pope calls for the release of all hostages."))
                .isFalse();
        // A deed done, also right after talks or negotiations in another clause, is an event.
        assertThat(matches("hostage* release*", "", "Hamas releases three hostages in exchange for 183 prisoners."))
                .isTrue();
        assertThat(matches("hostage* release*", "", "After talks in Cairo, Hamas releases three hostages."))
                .isTrue();
        assertThat(matches("hostage* release*", "", "Hamas releases a hostage following negotiations with the US."))
                .isTrue();
        assertThat(matches(
                        "hostage* release*",
                        "",
                        "Hamas says it has agreed to resume talks and release the hostage Edan Alexander."))
                .isTrue();
        assertThat(matches("hostage* release*", "", "The negotiating teams sign the hostage release deal in Doha."))
                .isTrue();
        // A word for armed people is a party, not a deed; an asking word far from the deed asks for something else.
        assertThat(matches("Congo rebel*", "", "Kinshasa agrees to talks with the rebels in eastern Congo."))
                .isTrue();
        assertThat(matches(
                        "Iranian strike*",
                        "",
                        "The UN urges Iran to end its support for militias after Iranian strikes on Erbil."))
                .isTrue();
        // An agent's action too: attacks asked for are not attacks.
        assertThat(matches("Houthi attack*", "", "The Houthis are urged to postpone their attacks on shipping."))
                .isFalse();
    }

    @Test
    void aDeedWordWhoseObjectIsAThingMadeIsAnotherSense() throws Exception {
        assertThat(matches(
                        "hostage* release*",
                        "",
                        "Hamas releases a sign-of-life propaganda video showing an emaciated Israeli hostage."))
                .isFalse();
        assertThat(matches("Iranian strike*", "", "Iranian negotiators are ready to strike a deal with Washington."))
                .isFalse();
        // The deed itself, and a thing made told in another clause, leave it a deed.
        assertThat(matches("hostage* release*", "", "Hamas releases three hostages, and a video shows their handover."))
                .isTrue();
        assertThat(matches("hostage* release*", "", "The release of all hostages is set for Monday, the report says."))
                .isTrue();
        assertThat(matches("Iranian strike*", "", "Iranian missiles strike an oil depot in Haifa."))
                .isTrue();
    }

    @Test
    void aDeedAmongAProposalsTermsIsNotDone() throws Exception {
        assertThat(matches(
                        "hostage* release*",
                        "",
                        "The proposal includes the immediate end of military operations inside the Gaza Strip and the"
                                + " release of all living hostages within 72 hours."))
                .isFalse();
        assertThat(
                        matches(
                                "hostage* release*",
                                "",
                                "Mediators present a plan, which would include a truce, aid convoys and the release of hostages."))
                .isFalse();
        // A deal's terms are agreed, and a release after the proposal's clause is done.
        assertThat(matches("hostage* release*", "", "The deal includes the release of 33 hostages in the first phase."))
                .isTrue();
        assertThat(matches(
                        "hostage* release*",
                        "",
                        "After the plan was accepted, which ended the fighting, Hamas releases four hostages."))
                .isTrue();
    }

    @Test
    void aDeedOnTheRemainsOfTheDeadIsNotDoneToPeople() throws Exception {
        assertThat(matches(
                        "hostage* release*",
                        "",
                        "Hamas hands the remains of three more dead hostages over to the Red Cross following the"
                                + " release of four bodies on Monday."))
                .isFalse();
        assertThat(matches(
                        "hostage* release*", "", "Hamas releases the bodies of two Israeli hostages in Khan Younis."))
                .isFalse();
        // The living released beside the dead are still released.
        assertThat(matches(
                        "hostage* release*", "", "Hamas releases four hostages and the bodies of two others in Gaza."))
                .isTrue();
        assertThat(matches("hostage* release*", "", "Hamas releases three Israeli hostages held since October."))
                .isTrue();
    }

    @Test
    void aDeedInAListOfDemandsIsNotDone() throws Exception {
        assertThat(matches(
                        "hostage* release*",
                        "",
                        "In his first Sunday address, Pope Leo XIV calls for peace in Ukraine, the return of abducted"
                                + " children, an immediate ceasefire, the release of all hostages and aid in Gaza."))
                .isFalse();
        // A clause of its own after the call, or a deed after a clause opener, is done.
        assertThat(matches(
                        "hostage* release*",
                        "",
                        "The minister calls for calm, and Hamas releases three hostages to the Red Cross."))
                .isTrue();
        assertThat(matches(
                        "hostage* release*",
                        "",
                        "The UN calls for aid, an end to the fighting after Hamas releases three hostages."))
                .isTrue();
    }

    @Test
    void thePreviewSaysWhichDeedsCountOnlyWhenDone() throws Exception {
        assertThat(factory.compile("hostage* release*", Proximity.DEFAULT)
                        .expandedReading()
                        .orElseThrow())
                .contains("WHO ACTS: hostage*, release* count when done");
    }

    @Test
    void aStoppedActionIsNoEvent() throws Exception {
        assertThat(matches("Houthi attack*", "", "The Houthis suspend their attacks on shipping in the Red Sea."))
                .isFalse();
        assertThat(matches("Houthi attack*", "", "Mediators say the Houthis agreed to a pause in attacks on vessels."))
                .isFalse();
        assertThat(matches("Houthi attack*", "", "The Houthis call for a halt to the attacks on Sanaa."))
                .isFalse();
        // A stop after the action, or across a preposition, leaves the action an event.
        assertThat(matches("Houthi attack*", "", "A Houthi attack halted traffic through the Bab el-Mandeb."))
                .isTrue();
        assertThat(matches("Houthi attack*", "", "The port halted operations after Houthi attacks on two tankers."))
                .isTrue();
        assertThat(matches("Houthi attack*", "", "The Houthis resume attacks after a two-week pause."))
                .isTrue();
    }

    @Test
    void whatTheSlainDidIsTheBackgroundOfTheirKilling() throws Exception {
        assertThat(matches(
                        "Hamas attack*",
                        "",
                        "An airstrike kills several militants who planned attacks on Israeli troops, including a Hamas"
                                + " commander."))
                .isFalse();
        // Captured, not killed: the capture may report the deed too; a conjunction goes back to the main clause.
        assertThat(matches("gunmen kidnap*", "", "Police capture three gunmen who kidnapped a priest in Kogi."))
                .isTrue();
        assertThat(matches("gunmen kidnap*", "", "Gunmen kill a village chief who resisted and kidnap twelve farmers."))
                .isTrue();
    }

    @Test
    void aTwoWordGenericActorOpeningTheListIsItsAgent() throws Exception {
        assertThat(factory.compile("armed group* attack* Nigeria", Proximity.DEFAULT)
                        .expandedReading()
                        .orElseThrow())
                .contains("WHO ACTS: armed group* is the actor of attack*");
        assertThat(matches(
                        "armed group* attack* Nigeria",
                        "",
                        "Nigerian forces kill a senior Boko Haram commander and ten other fighters during a raid in"
                                + " Borno State, Nigeria."))
                .isFalse();
        assertThat(matches(
                        "armed group* attack* Nigeria",
                        "",
                        "Boko Haram militants kill 25 workers in an attack on a base in Borno State, Nigeria."))
                .isTrue();
    }

    @Test
    void anActionWordDescribingTheSlainIsNoEvent() throws Exception {
        assertThat(matches(
                        "gunmen kidnap*",
                        "",
                        "Nigerian troops kill more than 300 suspected kidnapping and cattle-rustling gang members in"
                                + " Zamfara."))
                .isFalse();
        assertThat(matches("gunmen kidnap*", "", "Gunmen kill 20 villagers in a kidnapping raid in Zamfara."))
                .isTrue();
    }

    @Test
    void theSlainWhoseAttackWasRepelledWereItsAttackers() throws Exception {
        assertThat(matches(
                        "Boko Haram attack*",
                        "",
                        "Troops kill 13 Boko Haram militants after repelling an ambush on a military convoy in Borno."))
                .isTrue();
        assertThat(matches("Boko Haram attack*", "", "Troops kill 13 Boko Haram militants in an offensive in Borno."))
                .isFalse();
    }

    @Test
    void aTargetMayTakeAnyArticle() throws Exception {
        assertThat(matches("IS attack*", "", "U.S. and Nigerian forces launch airstrikes on an ISIS camp in Borno."))
                .isFalse();
        assertThat(matches("IS attack*", "", "U.S. and Nigerian forces launch airstrikes on the ISIS camp in Borno."))
                .isFalse();
        assertThat(matches("IS attack*", "", "An ISIS attack on a camp in Borno kills nine."))
                .isTrue();
    }

    @Test
    void thePreviewSaysWhoActs() throws Exception {
        assertThat(factory.compile("Houthi attack*", Proximity.DEFAULT)
                        .expandedReading()
                        .orElseThrow())
                .contains("WHO ACTS: Houthi is the actor of attack*");
        assertThat(factory.compile("Sudan RSF", Proximity.DEFAULT)
                        .expandedReading()
                        .orElseThrow())
                .doesNotContain("WHO ACTS");
    }

    @Test
    void aHeadlineIsNoAgentWhenTheTextNamesItOnlyAsATarget() throws Exception {
        assertThat(matches(
                        "IS attack*",
                        "Islamic State insurgency in Puntland",
                        "Puntland forces announce an" + " offensive against ISIL."))
                .isFalse();
        assertThat(matches(
                        "IS attack*",
                        "Islamic State insurgency in Puntland",
                        "Seven people are killed in an" + " attack on a checkpoint in Bari."))
                .isTrue();
    }

    @Test
    void anActionOwnedByTheSubjectThroughItsPossessiveIsTheSubjects() throws Exception {
        assertThat(matches("NATO airspace", "", "Switzerland denies United States aircraft the use of its airspace."))
                .isFalse();
        assertThat(matches("Houthi attack*", "", "Israel says its attacks destroyed Houthi radar sites."))
                .isFalse();
        // The agent as the subject keeps its own.
        assertThat(matches("NATO airspace", "", "Poland says Russian drones violated its airspace overnight."))
                .isTrue();
    }

    @Test
    void theAgentsThingsHitByAnotherAreItsTarget() throws Exception {
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "Russian invasion of Ukraine",
                        "A Ukrainian navy patrol boat is sunk by a drone strike near Izmail."))
                .isFalse();
        assertThat(matches("Iranian strike*", "", "An Iranian oil tanker was struck by a missile strike off Fujairah."))
                .isFalse();
        // Without the passive's doer, or with a comma, the name may still be the attacker.
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "Ukrainian drones strike a refinery in Russia's Samara Oblast, which is hit by fire."))
                .isTrue();
    }

    @Test
    void aGroupsPeopleKilledByOthersAreVictims() throws Exception {
        assertThat(matches("Hamas attack*", "", "Three Hamas members are killed by a rival clan in an ambush."))
                .isFalse();
        // Killed without a doer, they may have died in their own attack.
        assertThat(matches("Hamas attack*", "", "Three Hamas members are killed in an attack on a patrol."))
                .isTrue();
    }

    @Test
    void aCountryThatNamesAWarIsNoAgent() throws Exception {
        // A heading naming the war lends its country to nobody's strikes.
        assertThat(matches("Iranian strike*", "2026 Iran war", "A militia claims drone strikes on a base in Erbil."))
                .isFalse();
        assertThat(matches("Iranian strike*", "", "Crowds rally against the Iran war after the night's strikes."))
                .isFalse();
        // The country named as the one who strikes still counts, in the heading or in the text.
        assertThat(matches("Iranian strike*", "2026 Iranian strikes on Kuwait", "Kuwait intercepts two missiles."))
                .isTrue();
        assertThat(matches("Iranian strike*", "2026 Iran war", "Iranian missile strikes hit an oil terminal."))
                .isTrue();
        // A dash pairs the country with the other side: both are parties, so both are actors.
        assertThat(matches("Iranian strike*", "", "In the Israel–Iran war, strikes continue for a third day."))
                .isTrue();
    }

    @Test
    void anAirStrikeIsNoArmedGroupsAttack() throws Exception {
        assertThat(matches(
                        "Hamas attack*",
                        "",
                        "A deputy commander of Hamas's armed wing has been killed in an airstrike in Khan Yunis."))
                .isFalse();
        assertThat(matches("Hamas attack*", "", "A Hamas commander dies in an Israeli air raid on a school."))
                .isFalse();
        // The group's own attacks still count, and a state's air strikes stay that state's.
        assertThat(matches("Hamas attack*", "", "Two soldiers are wounded in a Hamas ambush near the border fence."))
                .isTrue();
        assertThat(matches("Israel strike*", "", "Israel carries out airstrikes on a depot in the south."))
                .isTrue();
        // A weapon fired at a target is the agent's strike; a name within the words of the strike is its actor.
        assertThat(matches("Iranian strike*", "", "Iran fires a salvo of ballistic missiles at a base in Qatar."))
                .isTrue();
        assertThat(matches("Iranian strike*", "", "An Iranian tanker is hit by two Israeli missiles in the Gulf."))
                .isFalse();
        // Missiles fired by the agent are its attack.
        assertThat(matches("Houthi attack*", "", "A frigate intercepts two missiles fired by the Houthis at a tanker."))
                .isTrue();
    }

    @Test
    void anActionInWhichTheSubjectActedIsTheSubjects() throws Exception {
        assertThat(matches(
                        "Hamas attack*",
                        "",
                        "Israeli forces arrest four men they say are Hamas operatives in a night raid on Jenin."))
                .isFalse();
        // The agent named with the action, or as its doer after "by", or a passive subject: the agent's.
        assertThat(matches("Hamas attack*", "", "Israeli forces say two soldiers died in a Hamas ambush in Rafah."))
                .isTrue();
        assertThat(matches("Hamas attack*", "", "Israeli troops are wounded in an ambush by Hamas in Rafah."))
                .isTrue();
    }

    @Test
    void anActionOpeningTheSentenceIsTheSubjectsAfterTheComma() throws Exception {
        assertThat(matches(
                        "IS attack*",
                        "",
                        "In a dawn offensive, Puntland armed forces capture the largest ISIS stronghold in Bari."))
                .isFalse();
        // The agent as the subject, or no service word after the name: the reading does not apply.
        assertThat(matches("IS attack*", "", "In a dawn attack, Islamic State fighters kill ten soldiers in Bari."))
                .isTrue();
        assertThat(matches("IS attack*", "", "In a dawn attack, Bari residents say ISIS gunmen killed ten people."))
                .isTrue();
    }

    @Test
    void theAgentsCountryNamedAsThePlaceOfTheActionIsItsTarget() throws Exception {
        // After a preposition of place: where the action happens, not who acts.
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "Russian missile and drone strikes across Ukraine kill three people in Poltava."))
                .isFalse();
        assertThat(matches(
                        "Russian missile attack Ukraine",
                        "",
                        "Ukrainian missiles strike an oil depot in Russia's Belgorod region."))
                .isFalse();
        // The country after a comma closing a place's address ("Kharkiv, Ukraine", "Tula oblasts, Russia").
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "Drone attacks on Kharkiv, Ukraine, go on as the Russia-backed forces advance."))
                .isFalse();
        assertThat(matches(
                        "Russian missile attack Ukraine",
                        "Attacks in Russia during the Russian invasion of Ukraine",
                        "Ukraine strikes targets in Bryansk and Tula oblasts, Russia, with drones and missiles."))
                .isFalse();
    }

    @Test
    void theAgentsCountryWithItsOwnActionOrAsASubjectStaysTheAgent() throws Exception {
        // The country's own action right after it, even after a preposition of place.
        assertThat(matches(
                        "Russian missile attack Ukraine",
                        "",
                        "Five people die in Russia's missile attack on Kyiv, Ukraine."))
                .isTrue();
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "A refinery burns in Ryazan, Russia, hit in Ukrainian drone attacks overnight."))
                .isTrue();
        // A comma after a place, then the country as the sentence's subject: no address.
        assertThat(matches(
                        "Ukrainian drone attack Russia",
                        "",
                        "After talks in Washington, Ukraine launches a drone attack on Russia's Ryazan."))
                .isTrue();
        // With one country in the list there is no doer and target to tell apart: a weapon in a country is its own.
        assertThat(matches("Iran drone OR missile", "", "Israel strikes a missile factory in Iran."))
                .isTrue();
    }

    @Test
    void aPlaceInsideAnOrganisationsNameIsNoPlace() throws Exception {
        assertThat(
                        matches(
                                "US troops Syria",
                                "",
                                "US troops help Iraqi forces arrest a leader of the Islamic State in Iraq and Syria near Mosul."))
                .isFalse();
        assertThat(matches("US troops Syria", "", "US troops in Syria clash with the Islamic State in Iraq and Syria."))
                .isTrue();
    }

    @Test
    void anActionInAnEarlierEventNamedByItsDayIsBackground() throws Exception {
        assertThat(matches(
                        "Hamas attack*",
                        "",
                        "A hostage held in Gaza since the October 7 attack is handed to the Red Cross by Hamas."))
                .isFalse();
        assertThat(matches(
                        "gunmen kidnap*",
                        "",
                        "The army kills a commander of the gunmen accused of the kidnapping of two farmers during the"
                                + " raid on 3 March 2024."))
                .isFalse();
        assertThat(matches(
                        "Hamas attack*",
                        "",
                        "A commander accused of a role in the raids during the October 7, 2023, attacks by Hamas has"
                                + " died."))
                .isFalse();
        // The event itself, a date alone or a year does not make it background.
        assertThat(matches("gunmen kidnap*", "", "Gunmen kidnap 20 travellers during the night of March 5."))
                .isTrue();
        assertThat(matches("gunmen kidnap*", "", "Gunmen kidnap two candidates during the 2026 election campaign."))
                .isTrue();
        assertThat(matches("Hamas attack*", "", "Since the October 7 attack, Hamas attacks on patrols have grown."))
                .isTrue();
    }

    @Test
    void theAgentAsTheObjectOfHarmIsItsTarget() throws Exception {
        assertThat(matches(
                        "Iranian strike*",
                        "",
                        "Israeli drones strike two Iranian Air Force jets stationed at an airport in Tehran."))
                .isFalse();
        assertThat(matches(
                        "Iranian strike*",
                        "",
                        "Israel orders the military to strike economic targets in Iran to damage the Iranian economy."))
                .isFalse();
        // The agent before the action, and its action right after it as the object, still count.
        assertThat(matches("Iranian strike*", "", "Iranian missiles strike two targets in Israel."))
                .isTrue();
        assertThat(matches("Iran drone OR missile", "", "Israeli jets strike the Iranian missile sites near Tabriz."))
                .isTrue();
    }

    @Test
    void anEventNamedByItsFullDateIsAnEarlierOneToldAsBackground() throws Exception {
        assertThat(matches(
                        "Hamas attack*",
                        "",
                        "Israel names a Hamas commander who took part in the October 7, 2023 attacks on Israel."))
                .isFalse();
        assertThat(matches(
                        "Hamas attack*",
                        "",
                        "A Hamas commander who directed the 7 October 2023 Nova attack is arrested in Gaza."))
                .isFalse();
        // A date without its year, a year alone, or a sentence dated in full is no earlier event.
        assertThat(matches("Hamas attack*", "", "Hamas claims the March 5 attack on a patrol in Rafah."))
                .isTrue();
        assertThat(matches("Hamas attack*", "", "Hamas says the 2026 attacks on patrols will go on."))
                .isTrue();
        assertThat(matches("Hamas attack*", "", "On October 7, 2025, Hamas attacks a patrol in Rafah."))
                .isTrue();
    }

    @Test
    void aLongArticleThatMentionsTheMatterOnceInPassingIsNotAboutIt() throws Exception {
        String passing = "Net users are warned about a scam website.\n\nThe site copies an official page. It asks for"
                + " money.\n\nThe police were told. The link is in a spam message.\n\nIts subject reads \"Urgent"
                + " Tsunami Earthquake Appeal\". Experts say the text is badly spelt.";
        assertThat(matches("earthquake", "Warning over tsunami aid website", passing))
                .isFalse();
        assertThat(matches(
                        "earthquake",
                        "Warning over tsunami aid website",
                        passing,
                        Proximity.DEFAULT.withPassingMentionsIgnored(false)))
                .isTrue();
        // In the title, the lead, two sentences, or a sentence with another word of the list, it counts.
        assertThat(matches("earthquake", "Earthquake appeal is a scam", passing))
                .isTrue();
        String stated = "Germany's economy grew at its fastest rate in four years.\n\nExports rose. Demand was weak."
                + "\n\nThe European Central Bank left its interest rate unchanged at 2%. Economists expect no rise.";
        assertThat(matches("central bank interest rate*", "German economy rebounds", stated))
                .isTrue();
        // A word excluded by NOT counts wherever it is.
        assertThat(matches("scam* NOT earthquake", "Warning over tsunami aid website", passing))
                .isFalse();
    }
}
