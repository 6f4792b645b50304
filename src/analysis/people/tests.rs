use super::*;
use crate::analysis::document::SourceKind;

fn run(src: &str) -> (Document, People) {
    let doc = Document::parse(src, SourceKind::PlainText);
    let people = analyze(src, &doc, &Config::default());
    (doc, people)
}

/// Each quote's first words and its speaker's name.
fn speakers(src: &str) -> Vec<(String, Option<String>)> {
    let (doc, people) = run(src);
    people
        .attributions
        .iter()
        .filter(|a| doc.quotes[a.quote].parent.is_none())
        .map(|a| {
            let q = doc.text(doc.quotes[a.quote].content);
            let head: String = q.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            (head, a.speaker.clone())
        })
        .collect()
}

/// An invented article with the structure of the seed article (five people, eight quotes, the
/// last one through "he said" after a role reference).
const SUMMIT: &str = "Share this
President Kovar and other leaders of the Atlantic alliance gathered in Lisbon on Tuesday to weigh the next steps after the border clashes, which have dragged on for six weeks.
Kovar arrived for the emergency meeting shortly before 9 a.m. local time and was greeted by Alliance Secretary-General Anders Lindqvist. The two shook hands and walked past reporters without taking questions.
The summit — which will include a video address by Moldovan President Andrei Vasilescu — is the first of three events on Kovar’s schedule Tuesday. Later in the day, Kovar will meet leaders of the G-20 group, then meet with leaders of the European Union.
The main purpose of Kovar’s trip is to coordinate new tariffs. Penalties against 120 members of the Belarusian parliament could be announced as soon as Tuesday.

“We have to move faster, and that means we have to spend more,” Lindqvist told reporters earlier Tuesday. “There is a new sense of urgency and I expect the leaders to agree on it.”
None of this is likely to satisfy Vasilescu, who has pleaded for air defence systems in a series of speeches since the clashes began March 3. While previewing his speech late Monday, Vasilescu said he would ask alliance leaders to “commit to helping Moldova hold its border” by supplying equipment.
However, Western governments have been reluctant to broaden their help.
Before leaving Washington Monday, Kovar told reporters that he thought there is a “serious risk” that Belarusian President Viktor Drozdov will order new incursions — which have gained little ground so far.
White House national security adviser Megan Holt told reporters Monday that allies would consult on how to respond to “possible escalations” of that kind, including “the whole question of cyberattacks on power grids.”
Ahead of Tuesday’s summit, Lindqvist said that “any attack on civilian infrastructure would change the nature of this crisis. It would be a clear breach of international law, and it will have severe consequences.”
The secretary-general stopped short, however, of saying that the alliance would respond with force.


“I will not speculate beyond the fact that the alliance is always ready to defend every ally,” he said.
With wires
";

#[test]
fn summit_people_and_titles() {
    let (_, people) = run(SUMMIT);
    let got: Vec<(String, Option<String>)> = people
        .persons
        .iter()
        .map(|p| (p.name.clone(), p.title.clone()))
        .collect();
    let want = [
        ("Kovar", Some("President")),
        ("Anders Lindqvist", Some("Alliance Secretary-General")),
        ("Andrei Vasilescu", Some("Moldovan President")),
        ("Viktor Drozdov", Some("Belarusian President")),
        ("Megan Holt", Some("White House national security adviser")),
    ];
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(n, t)| (n.to_string(), t.map(str::to_string)))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn summit_speakers() {
    let got = speakers(SUMMIT);
    let names: Vec<Option<&str>> = got.iter().map(|(_, s)| s.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("Anders Lindqvist"),
            Some("Anders Lindqvist"),
            Some("Andrei Vasilescu"),
            Some("Kovar"),
            Some("Megan Holt"),
            Some("Megan Holt"),
            Some("Anders Lindqvist"),
            Some("Anders Lindqvist"),
        ],
        "{got:?}"
    );
    let (_, people) = run(SUMMIT);
    let last = people.attributions.last().unwrap();
    assert_eq!(last.via, SpeakerVia::Pronoun);
    assert!(last.candidates.is_empty());
}

#[test]
fn attribution_patterns() {
    let src = "Talks\n\n“We are close,” said Dr Miriam Kessler, the lead negotiator. \
               The Kremlin said in a statement that “nothing has been agreed.” \
               According to Kessler, “the last issue is water.”\n\n\
               Mr Blair said: “We will not wait.”\n\n\
               “It is ‘finished’ for now,” a spokesman said.\n";
    let got = speakers(src);
    let names: Vec<Option<&str>> = got.iter().map(|(_, s)| s.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("Miriam Kessler"),
            Some("The Kremlin"),
            Some("Miriam Kessler"),
            Some("Blair"),
            Some("a spokesman"),
        ],
        "{got:?}"
    );
    // The nested ‘finished’ inherits its parent's speaker.
    let (doc, people) = run(src);
    let nested = doc.quotes.iter().position(|q| q.parent.is_some()).unwrap();
    assert_eq!(
        people.attributions[nested].speaker.as_deref(),
        Some("a spokesman")
    );
    // Organisations and places are not people.
    let names: Vec<&str> = people.persons.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Miriam Kessler", "Blair"]);
}

#[test]
fn pronoun_with_two_candidates_is_reported() {
    let src = "Talks\n\nPrime Minister Daniel Okoro and Chancellor Peter Haas spoke on Monday.\n\n“We are united,” he said.\n";
    let (_, people) = run(src);
    let a = &people.attributions[0];
    assert_eq!(a.via, SpeakerVia::Pronoun);
    assert_eq!(a.candidates.len(), 2);
    // The object of "met" is no candidate: the subject is the one a reader takes.
    let src = "Talks\n\nPrime Minister Daniel Okoro met Chancellor Peter Haas on Monday.\n\n“We are united,” he said.\n";
    let (_, people) = run(src);
    assert_eq!(
        people.attributions[0].speaker.as_deref(),
        Some("Daniel Okoro")
    );
    assert!(people.attributions[0].candidates.is_empty());
    // Gender settles it when only one fits.
    let src = "Talks\n\nMrs Ada Okoro met Mr Peter Haas on Monday.\n\n“We are united,” she said.\n";
    let (_, people) = run(src);
    assert_eq!(people.attributions[0].speaker.as_deref(), Some("Ada Okoro"));
    assert!(people.attributions[0].candidates.is_empty());
}

#[test]
fn registry_spelling_title_and_note_win() {
    use crate::analysis::config::RegistryPerson;
    let src = "Address\n\nVolodymyr Zelensky spoke by video. Zelensky asked for help.\n";
    let doc = Document::parse(src, SourceKind::PlainText);
    let config = Config {
        people: vec![RegistryPerson {
            name: "Volodymyr Zelenskyy".into(),
            title: Some("Ukrainian President".into()),
            aliases: vec![],
            note: Some("house spelling".into()),
        }],
        ..Config::default()
    };
    let people = analyze(src, &doc, &config);
    assert_eq!(people.persons.len(), 1);
    let p = &people.persons[0];
    assert_eq!(p.name, "Volodymyr Zelenskyy");
    assert_eq!(p.title.as_deref(), Some("Ukrainian President"));
    assert_eq!(p.note.as_deref(), Some("house spelling"));
    assert!(p.in_registry);
    assert!(!people.mentions.is_empty());
    assert!(people.mentions.iter().all(|m| m.variant));
}

#[test]
fn user_attribution_verbs_are_words_not_patterns() {
    let src = "Budget\n\n“It is a disgrace,” Senator Ruth Hale harrumphed.\n";
    let doc = Document::parse(src, SourceKind::PlainText);
    let plain = analyze(src, &doc, &Config::default());
    assert_eq!(plain.attributions[0].via, SpeakerVia::None); // "harrumphed" is no built-in verb
    let config = Config {
        attribution_verbs: vec!["harrumph".into(), ".*".into()],
        ..Config::default()
    };
    let people = analyze(src, &doc, &config);
    assert_eq!(people.attributions[0].speaker.as_deref(), Some("Ruth Hale"));
    assert_eq!(people.attributions[0].cue.as_deref(), Some("harrumphed"));
}

#[test]
fn scare_quotes_and_titles_are_not_speech() {
    let src =
        "Review\n\nThe so-called “reset” failed. Her favourite film is “The Long Way Home”.\n";
    let (_, people) = run(src);
    assert_eq!(people.attributions.len(), 2);
    assert!(!people.attributions.iter().any(|a| a.speech));
}

/// Speaker patterns measured on PolNeAR dev, written here as invented sentences.
#[test]
fn speaker_patterns_from_political_news() {
    let cases: &[(&str, &str)] = &[
        // A descriptive title before the name, after the quote.
        (
            "“Subpoenas are not optional,” panel Chairman Rep. Dana Whitcomb (R-Utah) said after the hearing.",
            "Dana Whitcomb",
        ),
        (
            "Harlan “is the only candidate with the temperament to lead,” retired Air Force general Lloyd Pemberton said.",
            "Lloyd Pemberton",
        ),
        (
            "“They are 100 percent wrong,” said 9/11 widow Teresa Galloway.",
            "Teresa Galloway",
        ),
        // A second verb of the clause takes the clause's subject.
        (
            "Senator Ruth Abernathy, the former attorney general, stressed her record at a forum sponsored by Channel Nine News and said: “Steadiness matters.”",
            "Ruth Abernathy",
        ),
        // A participle takes the clause's subject, not a possessor.
        (
            "Howard Castell, a former party chairman, poked at Ms. Abernathy’s debate answers, tweeting, “Notice the pauses. Nerves?”",
            "Howard Castell",
        ),
        // A phrase speaker with a role modifier; a document that reports a finding.
        (
            "“My reaction, that was outrageous,” the former campaign strategist said in an interview.",
            "the former campaign strategist",
        ),
        (
            "The Boston Globe reports that the team avoided the hospital in order to “keep the details under wraps.”",
            "The Boston Globe",
        ),
        (
            "A GAO report found that the money may have come from “the drug trade or other criminal activities.”",
            "A GAO report",
        ),
        // A country characterising another.
        (
            "Japan branded the regime an “outlaw nation in the neighborhood.”",
            "Japan",
        ),
        (
            "“You work hard. You pay your taxes. So why didn’t he pay his?” a narrator in the campaign ad asks.",
            "a narrator in the campaign ad",
        ),
        (
            "“It was a turning point for the party,” Graham Whitfield concluded.",
            "Graham Whitfield",
        ),
    ];
    for (src, want) in cases {
        let got = speakers(src);
        assert_eq!(
            got.first().and_then(|(_, s)| s.as_deref()),
            Some(*want),
            "{src}"
        );
    }
}

#[test]
fn pronoun_after_contraction_and_unknown_first_name() {
    // "He’s claiming" resolves like "he said".
    let src = "Senator Tom Harkness spoke in Ohio on Friday.\n\nHe’s claiming that fraud is “a big, big problem in this country.”\n";
    assert_eq!(speakers(src)[0].1.as_deref(), Some("Tom Harkness"), "{src}");
    // A full name with an unknown first name, confirmed by a speech verb, is a pronoun's
    // antecedent for either gender.
    let src = "Carmel Ortiz, an analyst, said the plan was flawed.\n\nIn an essay last week, Ivanka Delacroix acknowledged the problem. “The number of households led by single mothers has doubled,” she wrote.\n";
    let got = speakers(src);
    assert_eq!(
        got.last().and_then(|(_, s)| s.as_deref()),
        Some("Ivanka Delacroix")
    );
}

#[test]
fn first_name_alone_has_its_gender() {
    // "Melanie" is female, so "he said" cannot be her.
    let src = "Melanie said she had waited for hours. Her husband Kevin Marsh was asleep.\n\n“I love you,” he said.\n";
    let got = speakers(src);
    assert_eq!(got[0].1.as_deref(), Some("Kevin Marsh"));
}

#[test]
fn five_letter_names_one_letter_apart_are_two_people() {
    let src = "The raid that killed Osama bin Laden was a turning point, President Obama said.\n\nObama said he would not apologize.\n";
    let (_, people) = run(src);
    assert!(!people.mentions.is_empty());
    assert!(
        !people.mentions.iter().any(|m| m.variant),
        "{:?}",
        people.mentions
    );
    // A changed letter in a five-letter word is a variant only before a speech verb.
    let src = "Bill Gates gave the keynote.\n\nGames consoles sales have been declining.\n";
    let (_, people) = run(src);
    assert!(!people.mentions.is_empty());
    assert!(!people.mentions.iter().any(|m| m.variant));
    let src = "Leslie Wimes, a local party president, spoke first.\n\nWines believes the campaign took voters for granted.\n";
    let (_, people) = run(src);
    assert!(people.mentions.iter().any(|m| m.variant));
}

#[test]
fn relative_sharing_a_surname_is_a_person() {
    // "Rakella" is in no first-name list; sharing "Dorsey" with a confirmed person makes her one.
    let src = "Police shot Keith Lamont Dorsey on Tuesday afternoon.\n\nRakella Dorsey can be heard yelling to the officers.\n\n\"Don't shoot him,\" she says.\n";
    let got = speakers(src);
    assert_eq!(got[0].1.as_deref(), Some("Rakella Dorsey"));
    // The same shape inside a run of capitalised words is no person.
    let src =
        "Post Hit Piece Exploits Dorsey Supporter.\n\nKeith Lamont Dorsey spoke on Tuesday.\n";
    let (_, people) = run(src);
    assert!(
        !people.persons.iter().any(|p| p.name == "Exploits Dorsey"),
        "{:?}",
        people.persons
    );
}

#[test]
fn honorific_makes_a_name_and_a_determiner_unmakes_one() {
    // "Fox" is on the not-a-person list (the network); after "Dr" it is a surname.
    let src = "Earlier, Dr Fox had said the party's rule had been marked by \"lost trust\".\n\nHe also attacked the government's \"failure\" on asylum.\n";
    let got = speakers(src);
    assert_eq!(got[1].1.as_deref(), Some("Fox"), "{got:?}");
    // "the Scot admitted": a noun, not the first name Scot.
    let src = "Alex Fergus said the striker was fit, but the Scot admitted he was unsure.\n\n\"He is the best striker in Europe,\" he said.\n";
    let (_, people) = run(src);
    assert!(
        !people.persons.iter().any(|p| p.name == "Scot"),
        "{:?}",
        people.persons
    );
}

#[test]
fn subject_beats_previous_speaker_named_after_a_preposition() {
    let src = "\"The winner tonight was Pence,\" Chris Mathers concluded.\n\nDan McLachlan at the National Review agreed with Mathers about the winner.\n\n\"He succeeded with flying colors,\" he wrote.\n";
    let got = speakers(src);
    assert_eq!(got[1].1.as_deref(), Some("Dan McLachlan"), "{got:?}");
}

#[test]
fn participle_does_not_make_its_object_a_subject() {
    let src = "Ms Brannigan said: \"We need to reflect on this.\" Ms Sturdy has written to Mr McCormick asking for clarification.\n\nThe party's parliamentary leader argued the law was clear. She said: \"The executive seemed to indicate otherwise.\"\n";
    let got = speakers(src);
    assert_eq!(got[1].1.as_deref(), Some("Sturdy"), "{got:?}");
}

#[test]
fn participles_after_a_name_and_concessive_participles() {
    let src = "The spot concludes with footage of Darrell Hume saying during the debate, \"That makes me smart.\"\n";
    assert_eq!(speakers(src)[0].1.as_deref(), Some("Darrell Hume"));
    let src = "House Speaker Paul Rynne, R-Wis., despite admitting that he had concerns about \"trial lawyers trying to get rich,\" backed the bill. Senate leader Mitch McCord agreed.\n\n\"I do think the votes are there,\" he said.\n";
    let got = speakers(src);
    assert_eq!(got[0].1.as_deref(), Some("Paul Rynne"), "{got:?}");
}

#[test]
fn signature_after_a_quote_signs_the_paragraph() {
    let src = "Readers told us what they thought.\n\n“He does not answer to anyone. ‘Some people are so poor all they have is money.” That is all he has.” ― Carla Restrepo.\n";
    let got = speakers(src);
    assert!(!got.is_empty());
    assert!(
        got.iter()
            .all(|(_, s)| s.as_deref() == Some("Carla Restrepo")),
        "{got:?}"
    );
}

#[test]
fn names_out_of_subject_position_do_not_compete() {
    // A possessor who spoke last does not take the next pronoun from the sentence's subject.
    let src = "\"I want to stay,\" Steven Garrard said.\n\nAnd Blues boss Jose Marinho backed Garrard's view that the team could struggle. \"Rafa still has time to build a better team,\" he told BBC Radio Five Live.\n";
    let got = speakers(src);
    assert_eq!(got[1].1.as_deref(), Some("Jose Marinho"), "{got:?}");
    // Coordinated objects of a preposition are no competing antecedents: nothing to ask.
    let src = "None more so than Gavin Hensley, who can expect the same spotlight as the likes of Jonny Wilkins and Brian O'Donnell.\n\n\"I like pressure on me,\" he said.\n";
    let (doc, people) = run(src);
    let a = people
        .attributions
        .iter()
        .find(|a| doc.quotes[a.quote].parent.is_none())
        .expect("one quote");
    assert_eq!(a.speaker.as_deref(), Some("Gavin Hensley"));
    assert!(a.candidates.is_empty(), "{:?}", a.candidates);
}

#[test]
fn appositive_name_and_unnamed_role_antecedent() {
    let src = "The woman waited two years to sue, her lawyer, Perry Wandel, said. The company \"failed to provide a safe working environment for my client,\" he said.\n";
    let got = speakers(src);
    assert_eq!(got[0].1.as_deref(), Some("Perry Wandel"), "{got:?}");
    // A spokesman who is never named is still the source "he" points to.
    let src = "A spokesman for the Information Commissioner's Office said it would be classed as marketing. But the rules allow polling.\n\n\"If a party was doing that, it would not be marketing,\" he said.\n";
    let got = speakers(src);
    assert_eq!(
        got[0].1.as_deref(),
        Some("A spokesman for the Information Commissioner's Office"),
        "{got:?}"
    );
}

/// A user's verb is read in its regular inflections, doubled consonants and "ck" included.
#[test]
fn user_attribution_verbs_are_inflected() {
    for (verb, written) in [
        ("jab", "jabbed"),
        ("slam", "slammed"),
        ("panic", "panicked"),
        ("echo", "echoed"),
        ("echo", "echoes"),
        ("jab", "jabs"),
    ] {
        let src = format!(
            "Trade talks\n\nJane Whitfield met reporters on Monday.\n\n“We will not sign,” Whitfield {written}.\n"
        );
        let doc = Document::parse(&src, SourceKind::PlainText);
        let plain = analyze(&src, &doc, &Config::default());
        if crate::analysis::lexicon::speech_verb(written).is_none() {
            assert_eq!(plain.attributions[0].via, SpeakerVia::None, "{written}");
        }
        let config = Config {
            attribution_verbs: vec![verb.into()],
            ..Config::default()
        };
        let people = analyze(&src, &doc, &config);
        assert_eq!(
            people.attributions[0].speaker.as_deref(),
            Some("Jane Whitfield"),
            "{verb}: {written}"
        );
        assert_eq!(people.attributions[0].cue.as_deref(), Some(written));
    }
}

#[test]
fn user_attribution_verb_phrases() {
    let src = "Budget\n\n“It is a disgrace,” Senator Ruth Hale shot back.\n";
    let doc = Document::parse(src, SourceKind::PlainText);
    let plain = analyze(src, &doc, &Config::default());
    assert_eq!(plain.attributions[0].via, SpeakerVia::None);
    let config = Config {
        attribution_verbs: vec!["shot back".into()],
        ..Config::default()
    };
    let people = analyze(src, &doc, &config);
    assert_eq!(people.attributions[0].speaker.as_deref(), Some("Ruth Hale"));
    // The first word alone is not the phrase.
    let src = "Budget\n\n“It is a disgrace,” Senator Ruth Hale shot twice.\n";
    let doc = Document::parse(src, SourceKind::PlainText);
    let people = analyze(src, &doc, &config);
    assert_eq!(people.attributions[0].via, SpeakerVia::None);
}

#[test]
fn streets_are_places_and_roles_open_titles() {
    let src = "Parking row\n\nResidents of Mill Lane said the new charges were unfair.\n\nCouncillor Gareth Elory said the scheme would be reviewed. Ellory added that \"nothing is final\".\n";
    let (_, people) = run(src);
    let names: Vec<&str> = people.persons.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Gareth Elory"]);
    assert_eq!(people.persons[0].title.as_deref(), Some("Councillor"));
    assert!(
        people.mentions.iter().any(|m| m.variant),
        "Ellory is a variant"
    );
}

#[test]
fn titled_person_with_an_unlisted_first_name_still_competes() {
    // "Jens" is in no first-name list, but a title makes him a person: "he" could be either man.
    let src = "NATO Secretary-General Jens Stoltenberg met White House national security adviser Jake Sullivan.\n\nStoltenberg and Sullivan stopped short, however, of promising military action.\n\n\"I will not speculate,\" he said.\n";
    let (doc, people) = run(src);
    let a = people
        .attributions
        .iter()
        .find(|a| doc.quotes[a.quote].parent.is_none())
        .expect("one quote");
    assert_eq!(a.candidates.len(), 2, "{a:?}");
}

#[test]
fn continuation_survives_a_sentence_that_names_the_speaker_again() {
    let src = "Arsene Wenger said: \"I have to give him a run of games.\" Wenger insists he has faith in the Spaniard, signed as back-up to Jens Lehmann.\n\n\"If you look at my career, you will see I have left big players out.\"\n";
    let got = speakers(src);
    assert_eq!(got[1].1.as_deref(), Some("Arsene Wenger"), "{got:?}");
    // Someone else named alone in between still breaks it.
    let src = "Arsene Wenger said: \"I have to give him a run of games.\" Jens Lehmann trained alone.\n\n\"If you look at my career, you will see I have left big players out.\"\n";
    let got = speakers(src);
    assert_eq!(got[1].1, None, "{got:?}");
}

#[test]
fn candidates_are_living_subjects_not_list_members() {
    // A list after an object ("stars A, B and C") and the dead are no candidates.
    for src in [
        "Film\n\nDaniel Okoro is in London for his comedy, which also stars Peter Haas, Robert Hale and Simon Grant.\n\n“It was fun,” he said.\n",
        "Tribute\n\nThe tribute came from producer Michael Dunn, a friend of the late George Ellery, who died in March.\n\n“He was unique,” he said.\n",
    ] {
        let (_, people) = run(src);
        assert!(people.attributions[0].candidates.is_empty(), "{src}");
        assert!(people.attributions[0].person.is_some(), "{src}");
    }
}

#[test]
fn pronoun_goes_to_the_nearer_speaker_the_lists_lack() {
    let src = "Voters\n\nHillary Clinton spoke at a rally in Raleigh on Saturday.\n\nAmong the crowd was Tyresha McLenney, a nurse. McLenney said Clinton had not earned her vote.\n\n“It is not something she says all the time,” she said.\n";
    assert_eq!(
        speakers(src),
        [("It is not".to_string(), Some("McLenney".to_string()))]
    );
    // Without a speech verb of its own the unlisted name does not take the pronoun.
    let src = "Voters\n\nHillary Clinton spoke at a rally in Raleigh on Saturday.\n\nPresidential Debates are due next week.\n\n“We are ready,” she said.\n";
    assert_eq!(
        speakers(src),
        [(
            "We are ready,".to_string(),
            Some("Hillary Clinton".to_string())
        )]
    );
}

#[test]
fn organisation_names_keep_their_connectors() {
    let src = "Trade\n\n“It is the best we could get,” the Council on Foreign Relations said.\n";
    assert_eq!(
        speakers(src),
        [(
            "It is the".to_string(),
            Some("the Council on Foreign Relations".to_string())
        )]
    );
}

#[test]
fn epithets_after_a_cue_are_the_person_named_before() {
    let src = "Race\n\nCyclist Owen Marsh crashed in the final kilometre.\n\n“I never saw the kerb,” said the Welshman.\n\nHe still finished.\n\n“It was the worst day of my year,” says the Cardiff man.\n";
    let got = speakers(src);
    assert_eq!(got[0].1.as_deref(), Some("Owen Marsh"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Owen Marsh"), "{got:?}");
    // An age fits anyone of that age: it stays as written, whole ("the 27-year-old", not "the").
    // So do "the man" alone and a hyphenated office.
    for (cue, want) in [
        ("said the 27-year-old", "the 27-year-old"),
        ("said the man", "the man"),
        ("said the Party Co-Chairman", "the Party Co-Chairman"),
    ] {
        let src = format!(
            "Race\n\nCyclist Owen Marsh crashed in the final kilometre.\n\n“I saw it all,” {cue}.\n"
        );
        let got = speakers(&src);
        assert_eq!(got[0].1.as_deref(), Some(want), "{got:?}");
    }
    // A role is an office, not an epithet: it stays as written.
    let src = "Race\n\nCyclist Owen Marsh crashed in the final kilometre.\n\n“He will be fine,” said the spokesman.\n";
    let got = speakers(src);
    assert_eq!(got[0].1.as_deref(), Some("the spokesman"), "{got:?}");
    // An epithet of the other sex takes nobody.
    let src = "Race\n\nCyclist Owen Marsh crashed in the final kilometre.\n\n“I saw it all,” said the Cardiff woman.\n";
    let got = speakers(src);
    assert_eq!(got[0].1.as_deref(), Some("the Cardiff woman"), "{got:?}");
}

#[test]
fn continuation_past_someone_the_quote_talks_about() {
    let src = "Rugby\n\nCoach Aaron Pell named his squad on Monday. “We have worked hard all month,” Pell said. Winger Tomas Brandt looks set to return after a knee injury. “I expect Brandt back by April, and he will start.”\n";
    let got = speakers(src);
    assert_eq!(got[1].1.as_deref(), Some("Aaron Pell"), "{got:?}");
    // Named in between and not in the quote: it breaks the continuation.
    let src = "Rugby\n\nCoach Aaron Pell named his squad on Monday. “We have worked hard all month,” Pell said. Winger Tomas Brandt looks set to return after a knee injury. “I expect to be back by April, and I will start.”\n";
    let got = speakers(src);
    assert_eq!(got[1].1, None, "{got:?}");
}

#[test]
fn one_speaker_goes_on_across_narration_about_them() {
    let src = "Comeback\n\nRunner Lena Ortiz broke her ankle in May. “It was the worst day of my career,” Ortiz said.\n\nShe spent eight weeks in a cast, with physio from Pablo Reyes in Valencia. “Every morning I did the exercises, even when they hurt.”\n";
    let got = speakers(src);
    assert_eq!(got[1].1.as_deref(), Some("Lena Ortiz"), "{got:?}");
    // Narration about something else: the voice is not carried.
    let src = "Comeback\n\nRunner Lena Ortiz broke her ankle in May. “It was the worst day of my career,” Ortiz said.\n\nThe club paid for a clinic in Valencia run by Pablo Reyes. “Every morning we did the exercises, even when they hurt.”\n";
    let got = speakers(src);
    assert_eq!(got[1].1, None, "{got:?}");
    // A term inside a sentence of narration is that sentence's, not a quote that goes on.
    let src = "Comeback\n\nRunner Lena Ortiz broke her ankle in May. “It was the worst day of my career,” Ortiz said.\n\nShe spent eight weeks in a cast. The clinic calls it a “slow-motion recovery” programme.\n";
    let got = speakers(src);
    assert_eq!(got[1].1, None, "{got:?}");
    // Two people quoted so far: the narration does not choose between them.
    let src = "Comeback\n\n“It was the worst day of my career,” said runner Lena Ortiz. “She will be back,” said coach Maria Vidal.\n\nShe spent eight weeks in a cast, with physio from Pablo Reyes in Valencia. “Every morning I did the exercises, even when they hurt.”\n";
    let got = speakers(src);
    assert_eq!(got[2].1, None, "{got:?}");
}

/// A surname first met with a man's honorific is not taken over by a woman's full name of the
/// same surname ("Mr. Hale" and "Marion Hale" are two people); a first name without a sex
/// still completes the surname.
#[test]
fn an_honorific_keeps_a_surname_from_the_other_sex_full_name() {
    let (_, people) = run(
        "Senator Hale toured Dayton on Monday. Mr. Hale told a rally that the \
         race was close.\n\nHis wife, Susan Hale, spoke at a school in Akron.\n",
    );
    let names: Vec<&str> = people.persons.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Susan Hale"), "{names:?}");
    assert!(names.contains(&"Hale"), "{names:?}");
    let (_, people) =
        run("Mr. Hale toured Dayton on Monday.\n\nDavid Hale said the race was close.\n");
    let names: Vec<&str> = people.persons.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["David Hale"], "{names:?}");
}
