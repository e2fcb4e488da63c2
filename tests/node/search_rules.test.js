/* The search rules of features/search/search.js, run under Node's own test runner (`node --test`):
   the pure functions that decide what a query finds and in what order, without a browser. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

global.window = {};
global.document = { querySelector: () => null }; /* no search box: only the rules load */
require(path.join(__dirname, "..", "..", "hooks", "waymark", "features", "search", "search.js"));
const R = global.window.WaymarkSearchRules;

test("a place is named only by its whole name, in whole words", () => {
  assert.equal(R.namesPlace("help in leeds", "Leeds"), true);
  assert.equal(R.namesPlace("Newcastle upon Tyne refuge", "Newcastle upon Tyne"), true);
  assert.equal(R.namesPlace("my wife hits me", "Fife"), false);
  assert.equal(R.namesPlace("my brother", "Rother"), false);
  assert.equal(R.namesPlace("lee", "Leeds"), false);
  assert.equal(R.namesPlace("anything", ""), false);
});

test("a query that is only a place, with filler words, goes to the place", () => {
  const filler = ["in", "help", "yng", "i"];
  assert.equal(R.onlyPlace("help in leeds", "Leeds", filler), true);
  assert.equal(R.onlyPlace("Leeds", "Leeds", filler), true);
  assert.equal(R.onlyPlace("yng Nghaerdydd", "nghaerdydd", filler), true);
  assert.equal(R.onlyPlace("refuge leeds", "Leeds", filler), false);
  assert.equal(R.onlyPlace("help in leeds", "Leeds", []), false);
});

test("words are split in any script and lower-cased", () => {
  assert.deepEqual(R.wordsOf("Newcastle-upon-Tyne, UK"), ["newcastle", "upon", "tyne", "uk"]);
  assert.deepEqual(R.wordsOf("język polski"), ["język", "polski"]);
  assert.deepEqual(R.wordsOf(undefined), []);
});

test("one edit apart means one letter added, dropped or changed", () => {
  assert.equal(R.oneEditApart("marrige", "marriage"), true);
  assert.equal(R.oneEditApart("marriage", "marriagex"), true);
  assert.equal(R.oneEditApart("stalkng", "stalking"), true);
  assert.equal(R.oneEditApart("stalker", "stalked"), true);
  assert.equal(R.oneEditApart("same", "same"), false);
  assert.equal(R.oneEditApart("marige", "marriage"), false);
});

test("a long word one slip from exactly one known word is read as it; anything else is left", () => {
  const known = { marriage: true, forced: true, stalking: true };
  assert.equal(R.typoFixed("forced marrige", known), "forced marriage");
  assert.equal(R.typoFixed("forced marriage", known), null);
  assert.equal(R.typoFixed("nmo", known), null); /* short words are never changed */
  assert.equal(R.typoFixed("tarriage", known), null); /* the first letter must agree */
  assert.equal(R.typoFixed("stalkin", { stalking: true, stalkig: true }), null); /* two near: ambiguous */
});

test("best bets match a phrase's words whole, apostrophes alike, and try a typo once", () => {
  const phrases = [
    { says: ["forced marriage", "married against"], find: ["orders/fmpo/", "services/fmu/"] },
    { says: ["i'm scared"], find: ["help/"] },
  ];
  assert.deepEqual(R.matchPhrases("Worried about a FORCED MARRIAGE", phrases), ["orders/fmpo/", "services/fmu/"]);
  assert.deepEqual(R.matchPhrases("I’m scared", phrases), ["help/"]);
  assert.deepEqual(R.matchPhrases("im scared", phrases), ["help/"]);
  assert.deepEqual(R.matchPhrases("i am scared", phrases), []);
  assert.deepEqual(R.matchPhrases("unforced marriages", phrases), []);
  assert.deepEqual(R.bestBets("forced marrige", phrases), ["orders/fmpo/", "services/fmu/"]);
  assert.deepEqual(R.bestBets("nothing like it", phrases), []);
});

test("synonyms add the records' word once, for a whole-word mention only", () => {
  const synonyms = [
    { words: ["nmo", "non-mol"], means: "non-molestation order" },
    { words: ["dv"], means: "domestic abuse" },
  ];
  const out = R.expand("NMO or non-mol", synonyms);
  assert.equal(out.text, "NMO or non-mol");
  assert.equal(out.extra, "non-molestation order");
  assert.equal(R.expand("dvla", synonyms).extra, "");
});

test("the words a synonym matched are read exactly, never as the start of another word", () => {
  const synonyms = [{ words: ["cam-drin domestig"], means: "domestic abuse" }];
  const out = R.expand("cam-drin domestig", synonyms);
  assert.equal(out.extra, "domestic abuse");
  assert.deepEqual(Object.keys(out.exact).sort(), ["cam", "domestig", "drin"]);
  assert.deepEqual(R.expand("camden", synonyms).exact, {});
});

test("a query naming a nation is read as that nation", () => {
  const nations = { scotland: ["scotland", "scottish"], wales: ["wales", "welsh", "cymru"] };
  assert.equal(R.nationOf("refuge in Scotland", nations), "scotland");
  assert.equal(R.nationOf("help in Cymru", nations), "wales");
  assert.equal(R.nationOf("help", nations), "");
});

test("lists follow the order the build worked out, and the input is left as it was", () => {
  const docs = [{ t: "B", rk: 2 }, { t: "a", rk: 0 }, { t: "C", rk: 1 }];
  assert.deepEqual(R.firstMinuteOrder(docs).map((d) => d.t), ["a", "C", "B"]);
  assert.deepEqual(docs.map((d) => d.t), ["B", "a", "C"]);
});

test("a service covers its own area, the places inside it and the places around it only", () => {
  const tree = {
    byId: {
      england: { up: [] },
      yorkshire: { up: ["england"] },
      leeds: { up: ["yorkshire", "england"] },
      cornwall: { up: ["england"] },
    },
  };
  const regional = { a: ["yorkshire"] };
  assert.equal(R.covers(regional, "leeds", tree), true); /* around the chosen place */
  assert.equal(R.covers(regional, "yorkshire", tree), true);
  assert.equal(R.covers({ a: ["leeds"] }, "yorkshire", tree), true); /* inside it */
  assert.equal(R.covers(regional, "cornwall", tree), false);
  assert.equal(R.covers(regional, "", tree), true); /* no place chosen */
});

test("open now reads day bits and minutes, across midnight too", () => {
  const MON = 1, TUE = 2, SUN = 64;
  const office = { oh: [[MON | TUE, 540, 1020]] }; /* Monday and Tuesday 9:00 to 17:00 */
  assert.equal(R.openNow(office, { day: MON, minute: 600 }), true);
  assert.equal(R.openNow(office, { day: MON, minute: 1020 }), false);
  assert.equal(R.openNow(office, { day: SUN, minute: 600 }), false);
  const night = { oh: [[SUN, 1200, 120]] }; /* Sunday 20:00 to Monday 2:00 */
  assert.equal(R.openNow(night, { day: SUN, minute: 1300 }), true);
  assert.equal(R.openNow(night, { day: MON, minute: 60 }), true); /* Monday's yesterday is Sunday */
  assert.equal(R.openNow(night, { day: MON, minute: 180 }), false);
  assert.equal(R.openNow({ h: true }, { day: MON, minute: 0 }), true);
});

test("a bare nation or city best bet ('alone') pins its pages only when the query is nothing else", () => {
  const phrases = [
    { says: ["scotland", "edinburgh"], find: ["services/scotland-line/"], alone: true },
    { says: ["rape crisis"], find: ["categories/sexual-violence/"] },
  ];
  const filler = ["help", "in"];
  assert.deepEqual(R.matchPhrases("Scotland", phrases, filler), ["services/scotland-line/"]);
  assert.deepEqual(R.matchPhrases("help in edinburgh", phrases, filler), ["services/scotland-line/"]);
  assert.deepEqual(R.matchPhrases("rape crisis edinburgh", phrases, filler), ["categories/sexual-violence/"]);
  assert.deepEqual(R.matchPhrases("refuge in scotland", phrases, filler), []);
});

test("the words of a place's name may be matched only when the query names the place", () => {
  const docs = [
    { k: "Place", x: "Fife", al: [] },
    { k: "Place", x: "New Forest", al: [] },
    { k: "Place", x: "City of Edinburgh", al: ["edinburgh"] },
    { k: "Order", x: "New order", al: [] },
  ];
  const places = R.placeNamesOf(docs, "Place", ["body"]);
  assert.deepEqual(Object.keys(places.words).sort(), ["city", "edinburgh", "fife", "forest", "new", "of"]);
  assert.deepEqual(places.fieldsWithoutPlaces, ["body"]);
  assert.deepEqual(R.placeWordsAllowed("my wife controls me", places), {});
  assert.deepEqual(Object.keys(R.placeWordsAllowed("new accounts keep messaging", places)), []);
  assert.deepEqual(Object.keys(R.placeWordsAllowed("refuge in the new forest", places)).sort(), ["forest", "new"]);
  assert.deepEqual(Object.keys(R.placeWordsAllowed("rape crisis edinburgh", places)), ["edinburgh"]);
});

test("an all_of situation matches only when every group is said, in any order", () => {
  const phrases = [
    { says: [], allOf: [["my wife", "my girlfriend"], ["controls", "hits me"]], find: ["services/mens-line/"] },
  ];
  assert.deepEqual(R.matchPhrases("my wife controls everything", phrases), ["services/mens-line/"]);
  assert.deepEqual(R.matchPhrases("she hits me, my girlfriend", phrases), ["services/mens-line/"]);
  assert.deepEqual(R.matchPhrases("my wife", phrases), []);
  assert.deepEqual(R.matchPhrases("he controls my money", phrases), []);
});

test("a page is named by its whole title of two words or more, a nation in brackets left out", () => {
  assert.equal(R.namesTitle("stalking protection order how to get one", "Stalking protection order"), true);
  assert.equal(R.namesTitle("stalking protection order", "Stalking protection order (Northern Ireland)"), true);
  assert.equal(R.namesTitle("protection order", "Stalking protection order"), false);
  assert.equal(R.namesTitle("childline", "Childline"), false); /* one word is too weak a sign */
  assert.equal(R.namesTitle("men's advice line number", "Men's Advice Line"), true);
});

test("a named town is where to look, not a word to match; a query of places only keeps them", () => {
  assert.equal(R.withoutPlaces("hull sarc", ["Hull"]), "sarc");
  assert.equal(R.withoutPlaces("refuge in kingston upon hull", ["Kingston upon Hull", "Hull"]), "refuge in");
  assert.equal(R.withoutPlaces("leeds", ["Leeds"]), "");
  assert.equal(R.withoutPlaces("my brother hits me", ["Rother"]), "my brother hits me");
});

test("the places a query names give its nation when they are all in one", () => {
  const nations = { england: [], scotland: [] };
  const belfast = { id: "belfast", up: ["northern-ireland", "national"] };
  const leeds = { id: "leeds", up: ["west-yorkshire", "england", "national"] };
  const glasgow = { id: "glasgow-city", up: ["scotland", "national"] };
  assert.equal(R.nationAround({ ids: [leeds] }, nations), "england");
  assert.equal(R.nationAround({ ids: [leeds, glasgow] }, nations), "");
  assert.equal(R.nationAround({ ids: [belfast] }, { ...nations, "northern-ireland": [] }), "northern-ireland");
  assert.equal(R.nationAround({ ids: [] }, nations), "");
});

test("a name two nations' places share means the one in the nation the query or the site gives", () => {
  const area = (id, up) => ({ id: id, name: id.replace(/-/g, " "), up: up });
  const areas = [
    area("wales", ["national"]), area("northern-ireland", ["national"]), area("england", ["national"]),
    area("gwynedd", ["wales", "national"]), area("ards-and-north-down", ["northern-ireland", "national"]),
    area("conwy", ["wales", "national"]), area("leeds", ["england", "national"]),
  ];
  const tree = { areas: areas, byId: Object.fromEntries(areas.map((a) => [a.id, a])) };
  const nations = { england: ["england"], wales: ["wales", "cymru"], "northern-ireland": ["northern ireland"] };
  const core = { nations: nations, placeKind: "place", nation: "", docs: [
    { k: "place", u: "areas/gwynedd/", al: ["Bangor"] }, { k: "place", u: "areas/ards-and-north-down/", al: ["Bangor"] },
  ] };
  const ids = (query, c) => R.namedPlaces(query, tree, c || core).ids.map((a) => a.id);
  assert.deepEqual(ids("rape crisis bangor"), ["gwynedd", "ards-and-north-down"]); /* no hint: both */
  assert.deepEqual(ids("bangor north wales refuge"), ["gwynedd", "wales"]);
  assert.deepEqual(ids("bangor northern ireland refuge"), ["ards-and-north-down", "northern-ireland"]);
  assert.deepEqual(ids("homeless bangor conwy"), ["gwynedd", "conwy"]); /* its other place is in Wales */
  assert.deepEqual(ids("bangor leeds"), ["gwynedd", "ards-and-north-down", "leeds"]); /* neither nation */
  assert.deepEqual(ids("rape crisis bangor", { ...core, nation: "wales" }), ["gwynedd"]); /* the Welsh site */
});

test("a search that finds something shows a way to talk to someone now among its first five", () => {
  const standing = { anywhere: "categories/helpline/", notAfter: ["categories/perpetrator/"] };
  const lines = { england: ["services/ndah/", "services/other/"], wales: ["services/lff/"] };
  const entry = (u) => ({ doc: { u: u }, service: u.startsWith("services/") });
  const byUrl = Object.fromEntries(["services/ndah/", "services/lff/", "categories/helpline/"].map((u) => [u, entry(u)]));
  const results = (...urls) => urls.map((u) => byUrl[u] || entry(u));
  const urls = (list) => list.map((e) => e.doc.u);
  const any = () => true;
  assert.deepEqual(urls(R.withStandingLine(results("a", "b", "c", "d", "e", "f"), standing, lines, "wales", byUrl, any)),
    ["a", "b", "c", "d", "services/lff/", "e", "f"]);
  assert.deepEqual(urls(R.withStandingLine(results("a", "b"), standing, lines, "", byUrl, any)), ["a", "b", "categories/helpline/"]);
  /* Moved up, not repeated, when it is further down. */
  assert.deepEqual(urls(R.withStandingLine(results("a", "b", "c", "d", "e", "services/ndah/"), standing, lines, "england", byUrl, any)),
    ["a", "b", "c", "d", "services/ndah/", "e"]);
  /* Already there: a line of the nation meant; with no nation, any nation's line or the page of them all. */
  const kept = results("a", "services/ndah/", "c");
  assert.equal(R.withStandingLine(kept, standing, lines, "england", byUrl, any), kept);
  assert.equal(R.withStandingLine(kept, standing, lines, "", byUrl, any), kept);
  /* Not after a page for people who harm, not on nothing found, not where it does not serve the area. */
  const harm = results("categories/perpetrator/", "b");
  assert.equal(R.withStandingLine(harm, standing, lines, "", byUrl, any), harm);
  assert.deepEqual(R.withStandingLine([], standing, lines, "", byUrl, any), []);
  const far = results("a", "b");
  assert.equal(R.withStandingLine(far, standing, lines, "wales", byUrl, () => false), far);
});

test("a word typed without its space is read as two words the corpus holds, and only then", () => {
  const lunr = require(path.join(__dirname, "..", "..", "hooks", "waymark", "features", "search", "lunr-2.3.9.min.js"));
  const words = ["abuse", "crisis", "domestic", "out", "rape", "side", "crises"];
  const has = Object.create(null);
  words.forEach((w) => { has[w] = true; });
  const view = { has: has, tokenSet: lunr.TokenSet.fromArray(words.slice().sort()) };
  const core = { phrases: [{ says: ["outside the door"], find: [] }], synonyms: [{ words: ["cam-drin"], means: "abuse" }] };
  assert.equal(R.unjoined("rapecrisis", view, lunr, core), "rape crisis");
  assert.equal(R.unjoined("domesticabuse helpline", view, lunr, core), "domestic abuse helpline");
  assert.equal(R.unjoined("outside", view, lunr, core), "outside"); /* a word of the phrases is read as typed */
  assert.equal(R.unjoined("rapecris", view, lunr, core), "rapecris"); /* "cris" is no word */
  assert.equal(R.unjoined("theabuse", view, lunr, core), "theabuse"); /* "the" is a stop word */
  assert.equal(R.unjoined("crisi", view, lunr, core), "crisi"); /* short words are left */
  assert.equal(R.unjoined("domestic", view, lunr, core), "domestic"); /* a word the corpus holds */
});

test("a place's own services are those listed below a nation: the place, around it or inside it", () => {
  const tree = {
    wideLevels: ["national", "nation"],
    byId: {
      england: { id: "england", level: "nation", up: ["national"] },
      norfolk: { id: "norfolk", level: "county", up: ["east-of-england", "england", "national"] },
      norwich: { id: "norwich", level: "local-authority", up: ["norfolk", "east-of-england", "england", "national"] },
      fife: { id: "fife", level: "local-authority", up: ["scotland", "national"] }
    }
  };
  assert.equal(R.coversLocally({ a: ["norfolk"] }, "norwich", tree), true); /* a county around it */
  assert.equal(R.coversLocally({ a: ["norwich"] }, "norfolk", tree), true); /* a place inside it */
  assert.equal(R.coversLocally({ a: ["england"] }, "norwich", tree), false); /* nation-wide */
  assert.equal(R.coversLocally({ a: ["fife"] }, "norwich", tree), false);
  assert.equal(R.covers({ a: ["england"] }, "norwich", tree), true);
  assert.equal(R.wide({ a: ["national"] }, tree), true); /* the UK is not in the tree */
  assert.equal(R.wide({ a: ["england"] }, tree), true);
  assert.equal(R.wide({ a: ["norfolk", "fife"] }, tree), false);
});

test("text-speak is read as the words it stands for: whole words the file lists, nothing else", () => {
  const respell = { tonite: "tonight", "2nite": "tonight", somwhere: "somewhere", u: "you", "2 stay": "to stay" };
  assert.equal(R.respelled("somwhere safe 2 stay TONITE!", respell), "somewhere safe to stay tonight!");
  assert.equal(R.respelled("me n my 2 kids", respell), "me n my 2 kids");
  assert.equal(R.respelled("2 stay", respell), "to stay");
  assert.equal(R.respelled("2", respell), "2");
  assert.equal(R.respelled("r u ok, u?", respell), "r you ok, you?");
  assert.equal(R.respelled("umbrella tonites", respell), "umbrella tonites"); /* whole words only */
  assert.equal(R.respelled("2 kids", respell), "2 kids"); /* a bare digit is never read as a word */
  assert.equal(R.respelled("constructor toString __proto__", respell), "constructor toString __proto__");
  assert.equal(R.respelled("anything", undefined), "anything");
});

test("an entry with `within` matches its groups only in order and near each other; `unless` stops it", () => {
  const phrases = [{
    says: [],
    allOf: [["i", "im", "makes me"], ["violent", "hit", "lose my temper"]],
    within: 2,
    unless: ["he", "says", "hit me", "was hit"],
    find: ["categories/perpetrator/"],
  }];
  const acts = ["when i drink i get violent", "drink makes me violent to my wife", "i sometimes lose my temper", "i'm violent"];
  acts.forEach((q) => assert.deepEqual(R.bestBets(q, phrases), ["categories/perpetrator/"], q));
  const harmed = [
    "he is violent to me", /* the act before the speaker */
    "he says im violent", /* someone else's words */
    "my partner hit me and i cried", /* the speaker harmed */
    "i was hit last night",
    "i think my husband is violent", /* the act too far from the speaker */
  ];
  harmed.forEach((q) => assert.deepEqual(R.bestBets(q, phrases), [], q));
});
