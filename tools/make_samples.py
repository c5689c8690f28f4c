"""Write plmnb's bundled sample datasets (sentiment, ner, corpus, pairs, summaries, qa, sentiment_zh, corpus_zh) from hand-written parts.

Deterministic: stdlib only, seeded `random.Random`s (one per file family); running it twice gives the same bytes.
Usage: python tools/make_samples.py [--out DIR]   (default: plmnb/samples next to this repo's tools/)
"""
import argparse, csv, io, json, random
from pathlib import Path

# ───────────────────────────── sentiment ─────────────────────────────
# Each domain: subjects, then aspect clauses that praise (pos) or fault (neg) one part of the experience.
DOMAINS = {
 'film': dict(
  subj=['the film', 'this movie', 'the sequel', 'the documentary', 'the new thriller', 'that comedy',
        'the animated feature', 'the remake', 'the war drama', 'the festival winner'],
  pos=['the acting was superb', 'the script was sharp and witty', 'the soundtrack stayed with me for days',
       'the ending landed perfectly', 'the cast had real chemistry', 'every scene felt earned',
       'the cinematography was stunning', 'the pacing never let up', 'the dialogue felt completely natural',
       'the lead gave a career-best performance', 'the jokes actually landed', 'the twist caught me off guard',
       'the final act had the whole audience cheering', 'the quiet moments were beautifully handled'],
  neg=['the plot was paper thin', 'the dialogue was wooden', 'the pacing dragged badly', 'the ending made no sense',
       'the jokes fell flat', 'the lead looked bored in every scene', 'the effects looked cheap',
       'the story went nowhere', 'it ran forty minutes too long', 'the twist was obvious from the first scene',
       'the characters were instantly forgettable', 'the sound mix drowned out half the lines',
       'the editing was so choppy I lost track of who was who', 'the romance felt forced']),
 'restaurant': dict(
  subj=['the restaurant', 'this little bistro', 'the new noodle bar', 'the pizzeria on the corner', 'the cafe',
        'the steakhouse', 'the food truck', 'the tasting menu', 'the brunch place', 'the sushi counter'],
  pos=['the pasta was cooked just right', 'the staff made us feel at home', 'the portions were generous',
       'every dish arrived hot and fresh', 'the curry had real depth', 'the waiter remembered our names',
       'the bread was still warm from the oven', 'the desserts were the highlight of our week',
       'the prices were fair for the quality', 'the chef came out to chat with us', 'the coffee was rich and smooth',
       'the terrace had a lovely view of the river', 'the fish tasted like it was caught that morning'],
  neg=['the soup arrived lukewarm', 'we waited an hour for our mains', 'the steak was tough as leather',
       'the waiter ignored us all evening', 'the bill had three mistakes on it', 'the salad was limp and soggy',
       'the music was so loud we could not talk', 'the tables were sticky', 'the rice was undercooked',
       'the portions were tiny for the price', 'the fries were cold and greasy', 'our order came out wrong twice',
       'the dining room smelled of old oil']),
 'product': dict(
  subj=['this blender', 'the headphones', 'my new phone', 'the vacuum cleaner', 'this laptop', 'the kettle',
        'the office chair', 'the camera', 'this backpack', 'the smartwatch', 'the electric toothbrush',
        'the air fryer'],
  pos=['the battery lasts for days', 'it feels solid in the hand', 'setup took two minutes',
       'the sound is crisp and full', 'it runs almost silently', 'the build quality is excellent',
       'it still works perfectly after a year', 'the screen is bright even in sunlight',
       'it folds flat and fits in a drawer', 'the controls are simple and intuitive',
       'customer support replaced a part within a day', 'it charges fully in under an hour',
       'the stitching has held up through daily use'],
  neg=['the battery dies before lunch', 'it stopped working after a week', 'the plastic feels flimsy',
       'the buttons stick', 'it overheats after ten minutes', 'the manual is useless',
       'the strap broke on the second day', 'it makes a horrible grinding noise', 'the charger is sold separately',
       'the zip snapped within a month', 'the app it needs keeps crashing', 'the screen scratches if you look at it',
       'it leaks every time I use it']),
 'hotel': dict(
  subj=['the hotel', 'our room', 'the resort', 'this guesthouse', 'the hostel', 'the beach villa',
        'the airport hotel', 'the boutique inn', 'the mountain lodge'],
  pos=['the bed was incredibly comfortable', 'the staff upgraded us without being asked',
       'the breakfast buffet was huge', 'the room was spotless', 'the view from the balcony was breathtaking',
       'the location was perfect for sightseeing', 'check-in took two minutes', 'the pool was clean and quiet',
       'the shower had wonderful water pressure', 'the concierge found us a table at a fully booked restaurant',
       'the walls were thick enough that we slept soundly'],
  neg=['the room smelled of smoke', 'the air conditioning rattled all night', 'the sheets had stains on them',
       'the walls were paper thin', 'the shower ran cold every morning', 'reception lost our booking',
       'the wifi never worked', 'the pool was closed the whole week', 'there was construction noise from seven',
       'the breakfast ran out by eight', 'the carpet was damp and musty', 'they charged us for a minibar we never opened']),
 'book': dict(
  subj=['the novel', 'this memoir', 'the second book in the series', 'the cookbook', 'the biography',
        'this short story collection', 'the fantasy epic', 'the textbook', 'the detective story'],
  pos=['the characters felt like real people', 'the prose is clear and lovely', 'I could not put it down',
       'the chapters are short and gripping', 'the mystery kept me guessing', 'the recipes actually work',
       'the research behind it is impressive', 'the ending made me cry in a good way',
       'the world building is rich without being heavy', 'every chapter taught me something',
       'the humour is dry and clever'],
  neg=['the middle section drags on forever', 'the characters are flat', 'the ending is rushed',
       'the prose is clumsy', 'the mystery is solved by coincidence', 'half the recipes failed',
       'the author repeats the same point again and again', 'the translation is awkward',
       'the plot holes are impossible to ignore', 'the chapters ramble', 'the examples are full of errors']),
 'app': dict(
  subj=['the app', 'this update', 'the new version', 'the banking app', 'the photo editor',
        'the language learning app', 'the fitness tracker app', 'this game', 'the budgeting tool', 'the music app'],
  pos=['it loads instantly', 'the interface is clean', 'the sync between devices is seamless',
       'it has no ads at all', 'the offline mode saved me on a flight', 'the lessons are short and fun',
       'the developers fix bugs within days', 'the dark mode is easy on the eyes',
       'it does exactly what it promises', 'the search finds anything in a second',
       'the levels get harder at just the right pace'],
  neg=['it crashes every time I open the camera', 'the ads pop up every thirty seconds',
       'the update wiped my settings', 'it drains my battery', 'the login fails half the time',
       'simple tasks take five taps', 'support never replies', 'the notifications cannot be turned off',
       'it freezes on older phones', 'the free trial quietly turned into a yearly charge',
       'my saved progress disappeared']),
 'service': dict(
  subj=['the plumber', 'the delivery service', 'the bank', 'customer support', 'the moving company',
        'the dentist', 'the car repair shop', 'the internet provider', 'the cleaning service', 'the hair salon'],
  pos=['they arrived exactly on time', 'the price matched the quote', 'they explained every step',
       'the problem was fixed on the first visit', 'they cleaned up after themselves', 'they called back within an hour',
       'the staff were patient with all my questions', 'the parcel arrived a day early',
       'they refunded me without any fuss', 'the haircut was exactly what I asked for'],
  neg=['they turned up three hours late', 'the final bill was double the quote', 'nobody answered the phone',
       'the leak came back the next day', 'they broke a lamp and denied it', 'the parcel was left in the rain',
       'I was put on hold for fifty minutes', 'they cancelled twice without warning',
       'the connection drops every evening', 'they charged me for work they never did']),
 'travel': dict(
  subj=['the flight', 'the train journey', 'the walking tour', 'the ferry crossing', 'the airline',
        'the bus trip', 'the cruise', 'the city tour', 'the road trip'],
  pos=['the crew were warm and attentive', 'we landed twenty minutes early', 'the seats had plenty of legroom',
       'the guide knew every story behind every building', 'the scenery was unforgettable',
       'boarding was quick and calm', 'the train was clean and on time', 'the itinerary was well planned',
       'the food on board was surprisingly tasty', 'the staff helped my grandmother with her bags'],
  neg=['the flight was delayed six hours', 'they lost my suitcase', 'the seats were cramped and broken',
       'the guide rushed us through everything', 'the train was so packed we stood the whole way',
       'the toilets were out of order', 'the connection was missed and nobody helped',
       'the cabin was freezing', 'the tour skipped half the stops we paid for', 'the boat smelled of diesel']),
}

# Overall predicates, deliberately avoiding the obvious adjectives most of the time.
PRED = {
 'pos': ['was worth every penny', 'exceeded my expectations', 'won me over', 'is one I keep recommending to friends',
         'made my week', 'was money well spent', 'has earned a permanent place in my life', 'delivered on every promise',
         'left me smiling', 'is the best I have tried in years', 'deserves every bit of praise it gets',
         'was a pleasant surprise', 'did everything right', 'will get my business again', 'is a keeper',
         'was great', 'is excellent', 'was wonderful'],
 'neg': ['was a waste of money', 'let me down', 'is not worth the price', 'left a sour taste',
         'was a chore from start to finish', 'fell well short', 'is going straight back', 'made me regret ever trying it',
         'was the low point of my month', 'was an expensive mistake', 'lost my trust', 'left me angry',
         'was a letdown', 'is one to avoid', 'wasted my afternoon', 'was bad', 'was terrible', 'was awful'],
}
# For negation: "not {x}" flips these.
NEG_WORDS = ['boring', 'disappointing', 'overpriced', 'a waste of time', 'bad', 'a letdown', 'dull',
             'as bad as the reviews said', 'a chore', 'forgettable', 'annoying', 'a mistake']
POS_WORDS = ['worth it', 'enjoyable', 'worth the money', 'impressive', 'pleasant', 'memorable',
             'good value', 'what I hoped for', 'as good as everyone said', 'reliable', 'a bargain']

def _cap(s): return s[0].upper() + s[1:]

NEGATION = {
 'pos': ['{S} was not {n} at all.', '{S} was far from {n}.', 'Honestly, {s} was not {n} in the slightest.',
         'I expected {s} to be {n}, but it was not.', 'Not {n} at all; {a}.', '{S} was never {n}, not even once.',
         'I was told {s} would be {n}. It was not.', 'I did not expect much from {s}, but {a}.',
         'I expected to hate {s}, and I did not.', 'Nobody could call {s} {n}.', '{S}? Not {n}, not even close.',
         'You would think {s} would be {n}, yet {a}.', 'I cannot say a single thing against {s}.',
         'I have no complaints about {s}, none at all.', 'It is hard to find fault with {s}.',
         'I was wrong to doubt {s}.', '{S} did not disappoint.'],
 'neg': ['{S} was not {p}.', '{S} was hardly {p}.', '{S} was anything but {p}.', '{S} was not {p}, sadly.',
         'I would not call {s} {p}.', '{S} was nowhere near {p}.', 'I really wanted to like {s}, but I could not.',
         'I expected to love {s}, and I did not.', 'I had high hopes for {s}.', 'I cannot recommend {s}.',
         '{S} did not live up to the hype.', 'No one should call {s} {p}.', '{S}? Not {p}, not even close.',
         'I would not bother with {s} again.', 'I am done with {s}.', 'Hardly worth it, if I am honest.',
         'I cannot say {s} was {p}.', '{S} was not as {p2} as I was promised.'],
}
POS_COMPARATIVE = ['good', 'comfortable', 'fast', 'clever', 'fresh', 'reliable', 'friendly', 'funny', 'well made']

# Concessive/contrast templates: {o} is a clause of the opposite polarity, {a} and {b} of the verdict's polarity.
CONTRAST = {
 'pos': ['{O}, but {a}.', '{O}, but {a}, and that is what counts.', 'Sure, {o}, but {a}.',
         'Although {o}, {a}.', 'Even though {o}, {a}, so I would go back.', '{A}, even if {o}.',
         '{A}; the only downside is that {o}.', 'My one complaint is that {o}; otherwise {a} and {b}.',
         'Yes, {o}. But {a}, and I would happily do it again.', '{O}, which annoyed me at first, but {a} and {b}.',
         'Apart from the fact that {o}, {s} was a joy.', '{O}, but {a}, so I did not mind one bit.',
         'I nearly gave up when {o}, but {a} and I am glad I stayed.', 'Small gripe: {o}. Otherwise {a}.',
         'Despite the fact that {o}, {s} won me over because {a}.', '{O}; still, {a}, and I would recommend it.',
         'The plot was thin, but the acting carried it.' ],
 'neg': ['{O}, but {a}.', '{O}, but {a}, and that ruined it.', 'Sure, {o}, but {a}.',
         'Although {o}, {a}.', 'Even though {o}, {a}, so I will not go back.', '{A}, even if {o}.',
         '{O}; sadly, {a}, which spoiled the whole thing.', 'I wanted to love it: {o}. But {a} and {b}.',
         '{O}, but that could not make up for the fact that {a}.', 'Yes, {o}. But {a}, and that is what I remember.',
         'Apart from the fact that {o}, {s} was a mess: {a}.', '{O}, but {a}, so I would not bother.',
         'It started well, since {o}, but {a} and {b}.', 'On paper it looked fine, because {o}, but {a}.',
         'Despite the fact that {o}, {s} lost me because {a}.', '{O}; still, {a}, and I cannot recommend it.',
         'The acting was fine, but the plot made no sense at all.'],
}
STRAIGHT = {
 'pos': ['{S} {p}.', '{S} {p}: {a}.', '{A}, and {b}.', '{A}. {B}.', 'From the first minute, {a}.',
         '{A}, {b}, and {c}.', 'What a find. {A}.', 'Five stars. {A}.', '{S} {p}, mainly because {a}.',
         'I loved that {a}.', 'Highlights: {a}, and {b}.', 'Two words for {s}: worth it. {A}.'],
 'neg': ['{S} {p}.', '{S} {p}: {a}.', '{A}, and {b}.', '{A}. {B}.', 'From the first minute, {a}.',
         '{A}, {b}, and {c}.', 'What a mess. {A}.', 'One star. {A}.', '{S} {p}, mainly because {a}.',
         'I hated that {a}.', 'Lowlights: {a}, and {b}.', 'Two words for {s}: never again. {A}.'],
}
# Whole sentences written by hand: sarcasm-lite, understatement, idiom, no obvious sentiment words.
HAND = {
 'pos': [
  "My only complaint is that it ended.", "I hate how I cannot stop playing this game.",
  "Not bad at all for the price.", "I went in sceptical and came out a fan.",
  "The kids asked to go back the very next weekend.", "I have already ordered a second one for my sister.",
  "Two hours flew by and I did not check my phone once.", "We stayed an extra night just to eat there again.",
  "It does one thing and does it perfectly.", "I would pay double for this.",
  "Finally, a charger that survives being dropped down the stairs.", "The whole theatre stood up and clapped at the end.",
  "This is the first review I have ever bothered to write, because it deserves it.",
  "I keep telling everyone at work about this place.", "Worth the two hour drive.",
  "I was ready to be annoyed, but it simply worked.", "My grandmother figured it out in minutes.",
  "I finished it in one sitting and immediately started again.", "The waiter talked us out of the expensive wine and he was right.",
  "No fuss, no waiting, no surprises on the bill.", "I did not miss my old laptop for a single second.",
  "It rained every day and we still had the holiday of our lives.", "Three years later, it still looks new.",
  "I laughed so hard the person next to me started laughing too.", "The repair cost less than I feared and took half the time.",
  "Quietly brilliant from start to finish.", "A small miracle of a book.", "It earns its place on my kitchen counter every single day.",
  "I cancelled my other subscriptions after a week with this one.", "The flight attendant went out of her way to find my son a blanket.",
  "Hard to believe this came from a first-time director.", "The best forty dollars I have spent this year.",
  "They fixed in ten minutes what two other shops could not fix in a month.", "I came for the coffee and stayed for the cake.",
  "Nothing fancy, just honest food done properly.", "The sequel is somehow even better than the original.",
  "I now understand why people queue around the block for this.", "Every page pulled me to the next one.",
  "It has survived two toddlers and a dog.", "Would I go again? In a heartbeat.",
  "I did not want the tour to end.", "The update actually made the app faster, which never happens.",
  "Could not fault a single thing.", "It paid for itself within a month.",
  "I walked out humming the songs.", "We booked our next stay before we had even checked out.",
  "I was not expecting to be moved, yet here I am in tears.", "It is rare for a hotel to feel like home, but this one did.",
  "The movers wrapped every glass as if it were their own.", "Somehow the coffee tastes even better than it smells.",
 ],
 'neg': [
  "Oh great, another two hours of my life I will never get back.", "I want a refund for my time.",
  "Hardly worth it, if you ask me.", "The best part was the end credits.", "I have had better meals on a night bus.",
  "It worked beautifully for almost a whole day.", "Lovely box, shame about what was inside.",
  "The pictures on the website must have been taken somewhere else.", "We left before dessert and nobody noticed.",
  "I fell asleep twice, and I had had a coffee.", "Five minutes in, I was checking how long was left.",
  "Save your money and stay at home.", "The customer service line is a great place to learn patience.",
  "It was the kind of hotel that makes you check the bed with a torch.", "I gave it three chances, which was two too many.",
  "The only thing that arrived on time was the invoice.", "A masterclass in how not to run a restaurant.",
  "I have seen more plot in a shopping list.", "It survived exactly one wash.",
  "They promised a sea view and delivered a car park.", "My old flip phone had a better camera.",
  "The sequel nobody asked for, and now I know why.", "I kept waiting for it to get going. It never did.",
  "Apparently ten minutes means an hour here.", "The instructions were written by someone who had never seen the product.",
  "We tipped out of pity.", "Brilliant, if you enjoy being on hold.", "It looked nothing like the photos.",
  "I finished the book only so I could say I finished it.", "The seat in front was in my lap for nine hours.",
  "After the update, nothing I rely on is where it used to be.", "The dog was more excited about the box than the toy.",
  "Not once did anyone say sorry.", "My tea went cold while I waited for a spoon.",
  "It took three engineers and a week to make things worse.", "I would rather read the terms and conditions again.",
  "The guide spent more time on his phone than with us.", "Thanks for nothing, I suppose.",
  "You get what you pay for, and I paid too much.", "The room was smaller than the bed.",
  "I laughed once, and it was at the wrong moment.", "Even the pigeons avoided the terrace.",
  "Returned it the next morning.", "The app asks for my password more often than my bank does.",
  "We were the only table, and it still took forty minutes.", "The plot twist was that there was no plot.",
  "I have written better dialogue in text messages.", "A very expensive way to be disappointed.",
  "It smelled like wet dog before we even opened it.", "The movers treated our boxes like footballs.",
 ],
}

def _aspects(rng, dom, pol, k):
    "k distinct aspect clauses of one polarity from one domain."
    return rng.sample(DOMAINS[dom][pol], k)

def _fill(rng, tpl, label):
    "Fill one template for `label`; returns the sentence."
    dom = rng.choice(sorted(DOMAINS))
    opp = 'neg' if label == 'pos' else 'pos'
    s = rng.choice(DOMAINS[dom]['subj'])
    a, b, c = _aspects(rng, dom, label, 3)
    o = rng.choice([x for x in DOMAINS[dom][opp] if x.split()[:2] != a.split()[:2]])  # not 'the room .. the room'
    p = rng.choice(PRED[label])
    n, pw, p2 = rng.choice(NEG_WORDS), rng.choice(POS_WORDS), rng.choice(POS_COMPARATIVE)
    kw = dict(s=s, S=_cap(s), a=a, A=_cap(a), b=b, B=_cap(b), c=c, o=o, O=_cap(o), n=n, p=p, p2=p2)
    if tpl in NEGATION['neg']: kw['p'] = pw
    out = tpl.format(**kw)
    return _cap(out)

def make_sentiment(rng, per_class=400):
    "Balanced rows (text, label); mix: straight / negation / contrast / hand-written."
    rows, seen = [], set()
    for label, name in (('pos', 'positive'), ('neg', 'negative')):
        texts = list(HAND[label])
        assert all(4 <= len(t.split()) <= 40 for t in texts), 'hand-written sentences must have 4-40 words'
        mix = [(STRAIGHT[label], 0.38), (NEGATION[label], 0.27), (CONTRAST[label], 0.35)]
        for t in texts: seen.add(t.lower())
        while len(texts) < per_class:
            r, acc = rng.random(), 0.0
            for tpls, w in mix:
                acc += w
                if r < acc: break
            t = _fill(rng, rng.choice(tpls), label)
            if t.lower() in seen or not 4 <= len(t.split()) <= 40: continue
            seen.add(t.lower()); texts.append(t)
        rows += [(t, name) for t in texts]
    rng.shuffle(rows)
    return rows

def sentiment_csv(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(['text', 'label']); w.writerows(rows)
    return buf.getvalue()

# ───────────────────────────── NER (CoNLL-2003 style) ─────────────────────────────
PER = ['Maria Gonzalez', 'Kenji Watanabe', 'Amara Okafor', 'Lars Eriksson', 'Priya Raman', 'Jean-Luc Moreau',
       'Ana Lucia Pereira', 'Dmitri Volkov', 'Fatima Al-Sayed', 'Tom Becker', 'Grace Mwangi', 'Liam O\'Connor',
       'Sofia Rossi', 'Hiroshi Tanaka', 'Chloe Dubois', 'Mateo Silva', 'Olga Petrova', 'Samuel Adeyemi',
       'Ingrid Larsen', 'Rahul Mehta', 'Emily Carter', 'Youssef Benali', 'Hannah Schmidt', 'Diego Fernandez',
       'Mei Lin', 'Kwame Mensah', 'Elena Novak', 'Patrick Walsh', 'Aisha Bello', 'Jakob Weber', 'Lucia Romero',
       'Noah Fischer', 'Zara Hussain', 'Pieter de Vries', 'Carmen Ortiz', 'Arjun Nair', 'Nora Lindqvist',
       'Oscar Mendes', 'Yuki Sato', 'Ibrahim Diallo', 'Clara Hoffmann', 'Victor Hugo Almeida', 'Anna Kowalska',
       'Ruth Abebe', 'Marco van Dijk', 'Leila Haddad', 'George Papadopoulos', 'Sven Johansson', 'Isabel Navarro']
SURNAMES = sorted({p.split()[-1] for p in PER})
# Entity word lists by kind, so that each slot gets something that makes sense there. (list, CoNLL type)
CITY = ['Paris', 'New York', 'Rio de Janeiro', 'Buenos Aires', 'Hong Kong', 'Cape Town', 'Tokyo', 'Nairobi', 'Lisbon',
        'Mexico City', 'Sao Paulo', 'Lagos', 'Mumbai', 'Istanbul', 'Los Angeles', 'Warsaw', 'Cairo', 'Sydney', 'Seoul',
        'Marseille', 'Accra', 'Helsinki', 'Rotterdam', 'Vancouver', 'Hanoi', 'Lima', 'Glasgow', 'Kuala Lumpur']
COUNTRY = ['Kenya', 'South Africa', 'New Zealand', 'Norway', 'Canada', 'Chile', 'Vietnam', 'Scotland', 'Sri Lanka',
           'Brazil', 'Japan', 'Germany', 'Spain', 'Morocco', 'Peru', 'Poland', 'Ghana', 'India', 'Turkey', 'Mexico',
           'the Netherlands', 'the United States', 'Egypt', 'Portugal']
REGION = ['Bavaria', 'Texas', 'Patagonia', 'Tuscany', 'Siberia', 'Catalonia', 'Queensland', 'the Rift Valley']
RIVER = ['the Rhine', 'the Danube', 'the Nile', 'the Thames', 'the Mekong', 'the Amazon', 'the Seine']
MOUNT = ['Mount Kenya', 'Mount Everest', 'the Matterhorn', 'Kilimanjaro', 'Mont Blanc', 'Mount Fuji']
COMPANY = ['Toyota', 'Siemens', 'Nokia', 'Unilever', 'Volvo', 'Samsung', 'Tata Steel', 'Northwind Logistics',
           'Blue River Energy', 'Crestline Motors', 'Saffron Air', 'Meridian Health', 'Kestrel Software', 'Acme Foods',
           'Orion Pharmaceuticals', 'Silverline Bank', 'Harbor Point Bank', 'Nordic Rail', 'Sunfield Solar',
           'Granite Peak Insurance', 'Lotus Textiles']
CLUB = ['Real Madrid', 'Ajax', 'Bayern Munich', 'Boca Juniors', 'Galway United', 'Celtic', 'Porto', 'Al Ahly',
        'Flamengo', 'Juventus', 'Kaizer Chiefs', 'Olympique Lyon', 'River Plate', 'Feyenoord']
BODY = ['United Nations', 'World Health Organization', 'European Commission', 'Greenpeace', 'Red Cross', 'NATO',
        'Amnesty International', 'the International Monetary Fund', 'the World Bank', 'Interpol', 'FIFA',
        'the African Union', 'UNESCO']
CENTRAL_BANK = ['the Federal Reserve', 'the Bank of England', 'the European Central Bank', 'the Bank of Japan',
                'the Reserve Bank of India', 'the International Monetary Fund', 'the World Bank']
MEDIA = ['Reuters', 'the BBC', 'Al Jazeera', 'Associated Press', 'Le Monde', 'the Daily Courier']
SCHOOL = ['Stanford University', 'University of Lagos', 'Kyoto University', 'McGill University', 'University of Cape Town',
          'Lakeside Hospital', 'the Royal College of Music']
PUBLISHER = ['Oxford University Press', 'Harbor Lane Books', 'Kestrel Press', 'Bluebird Publishing']
NATIONALITY = ['German', 'French', 'Brazilian', 'Japanese', 'Kenyan', 'Norwegian', 'Spanish', 'Italian', 'Canadian',
               'Chinese', 'Dutch', 'Swedish', 'Mexican', 'Indian', 'Nigerian', 'Portuguese', 'Turkish', 'Polish',
               'Scottish', 'Ghanaian', 'Korean', 'Peruvian', 'Egyptian']
HOSTED = ['World Cup', 'Olympic Games', 'Eurovision Song Contest', 'Commonwealth Games', 'Asian Games',
          'Winter Olympics', 'African Cup of Nations']
TENNIS = ['Australian Open', 'French Open', 'US Open', 'Italian Open']
RACE = ['Tour de France', 'Paris Marathon', 'London Marathon', 'Giro d\'Italia', 'Boston Marathon']
PRIZE = ['Nobel Prize', 'Booker Prize', 'Pulitzer Prize', 'Grammy Award']
FEST = ['Cannes Film Festival', 'Venice Film Festival', 'Berlin International Film Festival', 'Toronto International Film Festival']
HOLIDAYS = ['Christmas', 'Ramadan', 'Diwali', 'Easter', 'Chinese New Year']
LANGS = ['English', 'Arabic', 'Spanish', 'French', 'Portuguese', 'Korean', 'Swedish', 'Swahili', 'Hindi']
SLOTS = {'PER': (PER, 'PER'), 'SUR': (SURNAMES, 'PER'), 'CITY': (CITY, 'LOC'), 'CTRY': (COUNTRY, 'LOC'),
         'LOC': (CITY + COUNTRY, 'LOC'), 'REGION': (REGION, 'LOC'), 'RIVER': (RIVER, 'LOC'), 'MOUNT': (MOUNT, 'LOC'),
         'CO': (COMPANY, 'ORG'), 'CLUB': (CLUB, 'ORG'), 'BODY': (BODY, 'ORG'), 'CB': (CENTRAL_BANK, 'ORG'),
         'MEDIA': (MEDIA, 'ORG'), 'SCHOOL': (SCHOOL, 'ORG'), 'PUB': (PUBLISHER, 'ORG'),
         'CLUBU': ([c.upper() for c in CLUB], 'ORG'), 'CTRYU': ([c.upper() for c in COUNTRY if not c.startswith('the ')], 'LOC'),
         'NAT': (NATIONALITY, 'MISC'), 'HOSTED': (HOSTED, 'MISC'), 'TENNIS': (TENNIS, 'MISC'), 'RACE': (RACE, 'MISC'),
         'PRIZE': (PRIZE, 'MISC'), 'FEST': (FEST, 'MISC'), 'HOL': (HOLIDAYS, 'MISC'), 'LANG': (LANGS, 'MISC')}

# Every token is separated by a space, punctuation included. {N} number, {AGE}, {P} percent, {Y} year, {S} score,
# {T} time, {D} weekday, {M} month are plain O fillers; every other slot is an entity from SLOTS.
NER_TEMPLATES = [
 '{PER} , who joined {CO} in {Y} , said the {NAT} team would travel to {LOC} next week .',
 '{CO} said on {D} it would cut {N} jobs in {LOC} .',
 '{NAT} striker {PER} scored twice as {CLUB} beat {CLUB} {S} on {D} .',
 'The {HOSTED} will be held in {CITY} in {M} , organisers said .',
 '" We are very happy with the result , " {SUR} told {MEDIA} .',
 '{PER} ( {CTRY} ) {T}',
 '{N} . {PER} ( {CTRY} ) {T}',
 '{CTRY} {S} {CTRY}',
 'SOCCER - {CLUBU} BEAT {CLUBU} {S} .',
 'RUGBY - {CTRYU} BEAT {CTRYU} IN {CITYU} .',
 '{PER} won the {TENNIS} for the second time , beating {PER} in the final .',
 'Shares in {CO} rose {P} percent after the company agreed to buy {CO} .',
 'The {NAT} {CO} said profits fell in the first half .',
 '{CO} chief executive {PER} will visit {LOC} and {LOC} this month .',
 'Police in {CITY} arrested {N} people after protests outside the offices of {CO} .',
 '{PER} , a {AGE}-year-old teacher from {CITY} , has written a novel in {LANG} .',
 'In {CITY} , {PER} met {PER} to discuss the {HOSTED} .',
 '{SUR} , who lives in {LOC} , declined to comment .',
 'The {BODY} report said {CTRY} and {CTRY} had the fastest growth in the region .',
 '{CO} and {CO} signed a deal worth {N} million dollars on {D} .',
 '{PER} said {CO} would open a new factory near {CITY} .',
 'Rain delayed play at the {TENNIS} on {D} .',
 '{CTRY} \'s {CO} reported a loss for the third quarter .',
 'Flights between {CITY} and {CITY} were cancelled because of snow .',
 'The {NAT} and {NAT} foreign ministers met in {CITY} .',
 '{PER} , {PER} and {PER} were named in the squad for the {HOSTED} .',
 'Thousands of people celebrated {HOL} in the streets of {CITY} .',
 '{PER} of {CB} said the {NAT} economy was slowing .',
 '{CLUB} coach {PER} praised his players after the win in {CITY} .',
 'A spokesman for {BODY} in {CITY} said the talks would continue .',
 'The film , directed by {PER} , won a prize at the {FEST} .',
 '{PER} ( {CO} ) finished second , {N} seconds behind {SUR} .',
 'Officials from {BODY} arrived in {CITY} on {D} to inspect the damage .',
 '{NAT} police said {N} people were hurt when a bus crashed near {CITY} .',
 'She studied at {SCHOOL} before moving to {CITY} in {Y} .',
 '{CB} will decide on interest rates in {M} .',
 '{CTRY} beat {CTRY} {S} in a friendly match in {CITY} .',
 'Speaking in {LANG} , {SUR} thanked the fans .',
 '{CO} said it had no plans to leave {CTRY} .',
 '{PER} , the {NAT} ambassador to {CTRY} , resigned on {D} .',
 'Tickets for the {HOSTED} sold out in {N} minutes .',
 'The {NAT} {CO} and the {NAT} {CO} plan to merge next year .',
 '{NAT} {PER} won the {RACE} on {D} .',
 '{NAT} {PER} said she was confident about the season .',
 'Heavy rain hit {CITY} and parts of {REGION} over the weekend .',
 '{PER} and {SUR} will meet again in the semi-final .',
 'A new bridge over {RIVER} opened in {CITY} on {D} .',
 'According to {CB} , prices in {CTRY} rose {P} percent in {M} .',
 '{PER} left {CLUB} to join {CLUB} for an undisclosed fee .',
 'The {LANG} edition of the book will be published by {PUB} .',
 '{PER} told reporters in {CITY} that the {HOSTED} had been a success .',
 'Results from the {RACE} on {D} :',
 'Climbers from {CTRY} reached the top of {MOUNT} on {D} .',
 '{PER} , who won the {PRIZE} in {Y} , will give a talk at {SCHOOL} .',
 'Wildfires spread across {REGION} , {MEDIA} reported .',
 '{MEDIA} said {CO} would move its headquarters from {CITY} to {CITY} .',
]
NO_ENTITY = [
 'The match was postponed because of heavy rain .', 'Prices rose sharply in the second half of the year .',
 'Nobody was injured in the fire , officials said .', 'The talks will resume next month .',
 'Profits fell by 12 percent compared with last year .', 'He said the decision was final .',
 'The final score was 3-1 .', 'Both teams will play again on Sunday .',
 'Trading was quiet ahead of the holiday .', 'The company did not give a reason for the change .',
 'Schools will stay closed until Monday .', '" It was a very hard race , " she said .',
 'The government denied the report .', 'Two players were sent off in the second half .',
 'Oil prices fell for a third day .', 'The bridge will be closed for repairs until further notice .',
 'Police are still looking for the driver .', 'Ticket sales were higher than expected .',
 'The weather is expected to improve later this week .', 'Analysts said the figures were better than forecast .',
 'The museum will reopen in the spring .', 'Fans waited outside the stadium for hours .',
 'The new rules come into force next year .', 'A spokeswoman declined to comment .',
 'The train was delayed by almost two hours .', 'Voters will go to the polls on Thursday .',
 'The storm knocked out power to thousands of homes .', 'He scored in the 89th minute .',
 'The company plans to hire more staff .', 'Results were mixed across the region .',
 'Farmers said the dry summer had hurt their harvest .', 'The meeting ended without an agreement .',
 'Share prices recovered in the afternoon .', 'She won the race by a few seconds .',
]
DAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split()
MONTHS = 'January February March April May June July August September October November December'.split()
SLOTS['CITYU'] = ([c.upper() for c in CITY], 'LOC')

def _ent(rng, slot):
    "(text, type) for a slot; type None for plain fillers."
    if slot in SLOTS: words, typ = SLOTS[slot]; return rng.choice(words), typ
    if slot == 'N': return str(rng.randint(2, 90)), None
    if slot == 'AGE': return str(rng.randint(24, 71)), None
    if slot == 'P': return f'{rng.randint(1, 9)}.{rng.randint(0, 9)}', None
    if slot == 'Y': return str(rng.randint(1995, 2023)), None
    if slot == 'S': return f'{rng.randint(0, 4)}-{rng.randint(0, 3)}', None
    if slot == 'T': return f'{rng.randint(2, 3)}:{rng.randint(10, 59)}.{rng.randint(10, 99)}', None
    if slot == 'D': return rng.choice(DAYS), None
    if slot == 'M': return rng.choice(MONTHS), None
    raise KeyError(slot)

def _tag_sentence(rng, tpl):
    "Fill a template; returns [(token, tag)]. A leading 'the' of an entity stays O, as in CoNLL-2003."
    out, used = [], set()
    for piece in tpl.split(' '):
        if not (piece.startswith('{') and piece.endswith('}')) and '{' in piece:  # e.g. '{N}-year-old'
            slot, rest = piece[1:].split('}', 1)
            out.append((_ent(rng, slot)[0] + rest, 'O')); continue
        if not piece.startswith('{'):
            out.append((piece, 'O')); continue
        slot = piece[1:-1]
        for _ in range(20):  # avoid the same entity twice in one sentence
            text, typ = _ent(rng, slot)
            if text not in used or typ is None: break
        used.add(text)
        toks = text.split(' ')
        if typ is None: out += [(t, 'O') for t in toks]; continue
        if toks[0] in ('the', 'THE'): out.append((toks.pop(0), 'O'))
        out += [(t, ('B-' if i == 0 else 'I-') + typ) for i, t in enumerate(toks)]
    if out[0] == ('the', 'O'): out[0] = ('The', 'O')
    return out

def make_ner(rng, n=300):
    "n sentences: every template at least twice, the rest drawn at random, plus the entity-free ones."
    tpls = NER_TEMPLATES * 2
    while len(tpls) + len(NO_ENTITY) < n: tpls.append(rng.choice(NER_TEMPLATES))
    sents = [_tag_sentence(rng, t) for t in tpls] + [[(t, 'O') for t in s.split(' ')] for s in NO_ENTITY]
    rng.shuffle(sents)
    return sents

def ner_conll(sents):
    return '\n\n'.join('\n'.join(f'{t} {g}' for t, g in s) for s in sents) + '\n'

# ───────────────────────────── corpus (simple English prose) ─────────────────────────────
HEROES = [('Lily', 'girl', 'she'), ('Tom', 'boy', 'he'), ('Ben', 'boy', 'he'), ('Mia', 'girl', 'she'),
          ('Sam', 'boy', 'he'), ('Anna', 'girl', 'she'), ('Lucy', 'girl', 'she'), ('Jack', 'boy', 'he'),
          ('Zoe', 'girl', 'she'), ('Leo', 'boy', 'he'), ('Emma', 'girl', 'she'), ('Tim', 'boy', 'he'),
          ('Sara', 'girl', 'she'), ('Omar', 'boy', 'he'), ('Nina', 'girl', 'she'), ('Ravi', 'boy', 'he'),
          ('Max', 'dog', 'he'), ('Bella', 'cat', 'she'), ('Pip', 'bird', 'he'), ('Daisy', 'bunny', 'she'),
          ('Bruno', 'bear', 'he'), ('Rosie', 'fox', 'she'), ('Finn', 'frog', 'he'), ('Milo', 'mouse', 'he'),
          ('Dot', 'duck', 'she'), ('Coco', 'puppy', 'she')]
ADJ = ['little', 'happy', 'curious', 'kind', 'brave', 'shy', 'clever', 'small', 'friendly', 'busy']
PLACES = ['park', 'forest', 'garden', 'beach', 'farm', 'river', 'hill', 'town', 'lake', 'field']
ACTS = ['play with a ball', 'run in the grass', 'look at the clouds', 'draw pictures', 'sing songs',
        'climb trees', 'read books', 'build things with blocks', 'splash in puddles', 'watch the birds',
        'pick flowers', 'play hide and seek']
OBJS = [('ball', 'red'), ('kite', 'blue'), ('box', 'big'), ('key', 'shiny'), ('hat', 'green'), ('boat', 'toy'),
        ('shell', 'pretty'), ('book', 'old'), ('bell', 'golden'), ('balloon', 'yellow'), ('cup', 'tiny'),
        ('stone', 'smooth')]
WHERE = ['under a tree', 'near the river', 'in the tall grass', 'behind a big rock', 'on the path',
         'in the sand', 'next to the gate', 'at the top of the hill']
# (problem, what to do, how they did it, the state after, objects it fits)
PROBLEMS = [('stuck in a tree', 'get it down', 'used a long stick', 'free', 'ball kite hat balloon'),
            ('broken', 'fix it', 'used some glue and tape', 'as good as new', 'kite boat cup bell box'),
            ('dirty', 'clean it', 'washed it with soap and water', 'clean and bright', 'ball hat boat shell cup stone key'),
            ('too heavy to lift', 'move it', 'pushed it as hard as they could', 'home at last', 'box stone'),
            ('floating away on the water', 'catch it', 'ran along the bank and reached out', 'safe', 'ball boat hat balloon'),
            ('lost in the dark', 'find it', 'took a lamp and looked everywhere', 'found', 'key shell bell ball'),
            ('wet from the rain', 'dry it', 'put it by the warm fire', 'dry again', 'book hat kite'),
            ('stuck in the mud', 'pull it out', 'pulled it with a rope', 'out of the mud', 'box ball boat stone')]
FRIENDS = [('a wise old owl', 'owl'), ('a big friendly dog', 'dog'), ('a little bird', 'bird'),
           ('a kind old man', 'man'), ('a tall girl from the next house', 'girl'), ('a busy squirrel', 'squirrel'),
           ('a gentle cow', 'cow'), ('a small boy with a red hat', 'boy'), ('a happy frog', 'frog'),
           ('mom', 'mom'), ('dad', 'dad'), ('grandma', 'grandma')]
MORALS = ['it is good to ask for help', 'friends make hard things easy', 'sharing makes everyone happy',
          'being kind is the best thing you can do', 'you should never give up', 'it is fun to work together',
          'a small act of kindness can mean a lot', 'it is okay to feel sad sometimes']

def _story(rng):
    "One short story, TinyStories-like: hero, find, problem, help, fix, ending."
    name, kind, pro = rng.choice(HEROES); Pro = _cap(pro); pos = 'her' if pro == 'she' else 'his'
    adj, place, act = rng.choice(ADJ), rng.choice(PLACES), rng.choice(ACTS)
    prob, want, how, state, fits = rng.choice(PROBLEMS)
    obj, oadj = rng.choice([o for o in OBJS if o[0] in fits.split()]); where = rng.choice(WHERE)
    fdesc, fshort = rng.choice(FRIENDS); art = 'an' if adj[0] in 'aeiou' else 'a'
    F = _cap(fdesc) if fshort not in ('mom', 'dad', 'grandma') else _cap(fshort)
    f = fdesc if fshort not in ('mom', 'dad', 'grandma') else pos + ' ' + fshort
    s = []
    s.append(rng.choice([f'Once upon a time, there was {art} {adj} {kind} named {name}.',
                         f'Once upon a time, {art} {adj} {kind} named {name} lived near a {place}.',
                         f'There was once {art} {adj} {kind} called {name}.',
                         f'{name} was {art} {adj} {kind} who lived in a small house by the {place}.']))
    s.append(rng.choice([f'{Pro} loved to {act}.', f'Every day, {name} liked to {act}.',
                         f'{Pro} liked to go to the {place} and {act}.', f'More than anything, {name} loved to {act}.']))
    s.append(rng.choice([f'One day, {name} found a {oadj} {obj} {where}.', f'One morning, {name} saw a {oadj} {obj} {where}.',
                         f'One sunny day, {name} went to the {place} and found a {oadj} {obj} {where}.']))
    s.append(rng.choice([f'{Pro} was so happy!', f'"What a nice {obj}!" {pro} said.', f'{name} smiled and picked it up.',
                         f'{Pro} wanted to keep it forever.']))
    s.append(rng.choice([f'But then the {obj} was {prob}.', f'But soon the {obj} was {prob}.',
                         f'Oh no! The {obj} was {prob}.']))
    s.append(rng.choice([f'{name} wanted to {want}, but {pro} could not do it alone.', f'{name} tried to {want}, but it was too hard.',
                         f'{name} felt sad. {Pro} did not know what to do.', f'{name} started to cry.']))
    s.append(rng.choice([f'Then {f} came to help.', f'Just then, {f} walked by.', f'{F} saw {name} and came over.']))
    s.append(rng.choice([f'"Do not be sad, {name}," said the {fshort}. "We can {want} together."',
                         f'"Why are you sad?" asked the {fshort}. {name} told {"her" if rng.random() < .5 else "him"} about the {obj}.',
                         f'"I can help you," said the {fshort}.']).replace('the mom', pos + ' mom').replace('the dad', pos + ' dad').replace('the grandma', pos + ' grandma'))
    s.append(rng.choice([f'They {how}, and soon the {obj} was {state}.', f'Together they {how}. Now the {obj} was {state}.',
                         f'They {how}, and it worked!']))
    s.append(rng.choice([f'{name} was very happy. "Thank you!" {pro} said.', f'{name} hugged the {fshort} and said thank you.',
                         f'From that day on, {name} and the {fshort} were best friends.' if fshort not in ('mom', 'dad', 'grandma')
                         else f'{name} gave {pos} {fshort} a big hug.', f'{name} smiled a big smile.']).replace('the mom', pos + ' mom').replace('the dad', pos + ' dad').replace('the grandma', pos + ' grandma'))
    if rng.random() < .6:
        s.append(rng.choice([f'{name} learned that {rng.choice(MORALS)}.', f'That day, {name} learned that {rng.choice(MORALS)}.']))
    if rng.random() < .3: s.append('The end.')
    return ' '.join(s)

FACTS = [
 ('What is the fastest car in the world?', ['The fastest cars in the world are special sports cars.',
   'They are built to go faster than four hundred kilometres an hour.', 'Only a few of them are made, and they cost a lot of money.',
   'They race on long, flat tracks, because a normal road is not safe at that speed.']),
 ('What is the fastest animal in the world?', ['The fastest animal in the world is the peregrine falcon.',
   'When it dives from the sky, it can go faster than three hundred kilometres an hour.',
   'On land, the fastest animal is the cheetah.', 'A cheetah can run as fast as a car on a big road, but only for a short time.']),
 ('What is the biggest animal in the world?', ['The biggest animal in the world is the blue whale.',
   'It lives in the ocean and eats tiny animals called krill.', 'A blue whale is longer than a bus and its heart is as big as a small car.']),
 ('What is the tallest animal in the world?', ['The tallest animal in the world is the giraffe.',
   'It has a very long neck and long legs.', 'It eats leaves from the tops of tall trees.']),
 ('What is the tallest mountain in the world?', ['The tallest mountain in the world is Mount Everest.',
   'It is in the Himalayas, between Nepal and China.', 'The air at the top is cold and thin, so climbers carry extra air with them.']),
 ('What is the biggest ocean in the world?', ['The biggest ocean in the world is the Pacific Ocean.',
   'It is bigger than all the land on Earth put together.', 'Many islands, fish and whales live in it.']),
 ('What is the longest river in the world?', ['The longest river in the world is the Nile or the Amazon.',
   'People still talk about which one is longer.', 'The Nile runs through Africa, and the Amazon runs through South America.']),
 ('What is the biggest planet in the solar system?', ['The biggest planet in the solar system is Jupiter.',
   'It is a giant ball of gas with a big red storm on it.', 'More than a thousand Earths could fit inside it.']),
 ('What is the hottest planet in the solar system?', ['The hottest planet in the solar system is Venus.',
   'It is not the closest planet to the Sun, but its thick air keeps the heat in.', 'It is hot enough there to melt metal.']),
 ('What is the smallest planet in the solar system?', ['The smallest planet in the solar system is Mercury.',
   'It is also the closest planet to the Sun.', 'A year on Mercury is only eighty-eight days long.']),
 ('What is the coldest place in the world?', ['The coldest place in the world is Antarctica.',
   'It is covered in thick ice all year.', 'Penguins and seals live near its coast, but very few people live there.']),
 ('What is the biggest desert in the world?', ['The biggest hot desert in the world is the Sahara.',
   'It is in the north of Africa.', 'It has sand, rocks and very little rain.']),
 ('What is the largest bird in the world?', ['The largest bird in the world is the ostrich.',
   'It cannot fly, but it can run very fast.', 'An ostrich lays the biggest eggs of any bird.']),
 ('What is the smallest bird in the world?', ['The smallest bird in the world is the bee hummingbird.',
   'It is about as big as a bee.', 'It moves its wings so fast that they make a humming sound.']),
 ('What is the closest star to the Earth?', ['The closest star to the Earth is the Sun.',
   'It gives us light and keeps us warm.', 'Without the Sun, nothing could grow on Earth.']),
 ('What is the biggest country in the world?', ['The biggest country in the world is Russia.',
   'It is so wide that it has eleven time zones.', 'When it is morning in the east, it is still night in the west.']),
 ('What is the deepest place in the ocean?', ['The deepest place in the ocean is the Mariana Trench.',
   'It is in the Pacific Ocean.', 'It is so deep that the tallest mountain in the world would fit inside it.']),
 ('Why is the sky blue?', ['The sky is blue because of the way sunlight moves through the air.',
   'Sunlight has all the colours in it.', 'The air spreads the blue light around more than the other colours, so we see blue everywhere.']),
 ('Why do leaves change colour in autumn?', ['Leaves change colour in autumn because the days get shorter and colder.',
   'The tree stops making the green colour in its leaves.', 'Then we can see the yellow, orange and red colours that were hiding there.']),
 ('Why do we need to sleep?', ['We need to sleep because our body and brain need rest.',
   'When we sleep, the body grows and fixes itself.', 'Children need more sleep than grown-ups.']),
 ('How many legs does a spider have?', ['A spider has eight legs.', 'An insect has six legs, so a spider is not an insect.',
   'Most spiders make webs to catch their food.']),
 ('How far away is the Moon?', ['The Moon is about three hundred and eighty thousand kilometres away from the Earth.',
   'Light from the Moon takes just over one second to reach us.', 'People first walked on the Moon in 1969.']),
 ('What do bees make?', ['Bees make honey from the nectar of flowers.', 'They keep the honey in a hive made of wax.',
   'Bees also help plants grow by carrying pollen from flower to flower.']),
 ('What is the fastest fish in the sea?', ['The fastest fish in the sea is the sailfish.',
   'It has a long, sharp nose and a big fin on its back.', 'It can swim faster than a car in a town.']),
]
QA_INTROS = ['{q}', 'Have you ever wondered: {q}', 'Many people ask, "{q}"', 'A child once asked, "{q}"',
             'Question: {q}', 'Here is a good question. {q}']
QA_LEADS = ['', 'Here is the answer. ', 'The answer is simple. ', 'Answer: ']

def _fact(rng, q, ans):
    "A question and its answer, phrased a little differently each time."
    k = rng.randint(2, len(ans))
    intro = rng.choice(QA_INTROS).format(q=q)
    lead = rng.choice(QA_LEADS) if 'Question' not in intro else 'Answer: '
    if intro.startswith('A child'): lead = rng.choice(['Her teacher smiled. ', 'His dad knew the answer. ', ''])
    return f'{intro} {lead}' + ' '.join(ans[:k])

HOWTO = [
 ('make a cup of tea', ['Fill the kettle with fresh water and turn it on.', 'Put a tea bag in a cup.',
   'When the water boils, pour it into the cup.', 'Wait for three or four minutes.', 'Take out the tea bag.',
   'Add milk or sugar if you like.']),
 ('make a sandwich', ['Take two slices of bread.', 'Spread some butter on one side of each slice.',
   'Put cheese, ham or salad on one slice.', 'Put the other slice on top.', 'Cut the sandwich in half.']),
 ('plant a seed', ['Fill a small pot with soil.', 'Make a little hole with your finger.', 'Put the seed in the hole and cover it with soil.',
   'Give it some water.', 'Put the pot in a sunny place.', 'Water it a little every day and wait for it to grow.']),
 ('wash your hands', ['Turn on the tap and wet your hands.', 'Put some soap on your hands.', 'Rub your hands together for twenty seconds.',
   'Do not forget your fingers and thumbs.', 'Rinse off the soap with water.', 'Dry your hands with a clean towel.']),
 ('brush your teeth', ['Put a small amount of toothpaste on your brush.', 'Brush the front of your teeth in small circles.',
   'Then brush the back and the top of your teeth.', 'Brush for two minutes.', 'Spit out the toothpaste and rinse the brush.']),
 ('make a paper boat', ['Take a sheet of paper and fold it in half.', 'Fold the two top corners down to the middle.',
   'Fold the bottom edges up on both sides.', 'Open the middle and press it flat into a square.',
   'Pull the sides apart gently, and your boat is ready.', 'Put it on the water and watch it float.']),
 ('ride a bike', ['Put on your helmet.', 'Sit on the seat and put one foot on a pedal.', 'Push off with your other foot.',
   'Look ahead, not down at your feet.', 'Keep pedalling to stay up.', 'Use the brakes gently to stop.']),
 ('cross the road', ['Stop at the edge of the road.', 'Look left and look right.', 'Listen for cars.',
   'When the road is clear, walk across.', 'Do not run, and keep looking while you cross.']),
 ('make your bed', ['Take the pillow off the bed.', 'Pull the sheet flat and tuck it in.', 'Shake the blanket and lay it on top.',
   'Put the pillow back at the top of the bed.', 'Now your room looks neat.']),
 ('bake simple bread', ['Mix flour, water, salt and yeast in a big bowl.', 'Knead the dough for ten minutes until it is smooth.',
   'Cover the bowl and leave the dough in a warm place for an hour.', 'Shape the dough and put it on a tray.',
   'Bake it in a hot oven for thirty minutes.', 'Let the bread cool before you cut it.']),
 ('feed a cat', ['Wash the cat bowl.', 'Put a small amount of cat food in the bowl.', 'Give the cat fresh water too.',
   'Put the bowls in a quiet place.', 'Feed the cat at the same time every day.']),
 ('pack a school bag', ['Check what lessons you have tomorrow.', 'Put the books you need in your bag.',
   'Add your pencil case and your water bottle.', 'Put your lunch in last so it does not get squashed.',
   'Leave the bag by the door so you do not forget it.']),
]
HOWTO_INTROS = ['How to {t}.', 'Here is how to {t}.', 'Do you want to {t}? It is easy.', 'This is the way to {t}.',
                'It is easy to {t}.']
STEP_WORDS = ['First, ', 'Next, ', 'Then, ', 'After that, ', 'Then, ', 'After that, ', 'Next, ']

def _howto(rng, t, steps):
    "A how-to paragraph with ordinal connectives."
    out = [rng.choice(HOWTO_INTROS).format(t=t)]
    for i, st in enumerate(steps):
        if i == 0: w = 'First, '
        elif i == len(steps) - 1: w = 'Finally, '
        else: w = rng.choice(STEP_WORDS[1:])
        out.append(w + st[0].lower() + st[1:])
    if rng.random() < .5: out.append(rng.choice(['That is all!', 'Now you know how to ' + t + '.', 'Well done!']))
    return ' '.join(out)

ANIMALS = [('cow', 'big', 'on a farm', 'grass', 'gives us milk'), ('duck', 'small', 'near ponds and rivers', 'seeds and bugs', 'can swim and fly'),
           ('owl', 'quiet', 'in the woods', 'mice', 'hunts at night'), ('fox', 'clever', 'in forests and fields', 'mice and berries', 'has a bushy tail'),
           ('rabbit', 'small', 'in holes in the ground', 'grass and carrots', 'has long ears'), ('elephant', 'huge', 'in Africa and Asia', 'grass, leaves and fruit', 'has a long trunk'),
           ('penguin', 'small', 'in cold places by the sea', 'fish', 'cannot fly but swims very well'), ('horse', 'strong', 'on farms and in fields', 'grass and hay', 'can run fast'),
           ('bee', 'tiny', 'in a hive', 'nectar from flowers', 'makes honey'), ('frog', 'small', 'near ponds', 'flies and bugs', 'can jump very far'),
           ('bear', 'big', 'in forests and mountains', 'fish, berries and honey', 'sleeps all winter'), ('squirrel', 'small', 'in trees', 'nuts and seeds', 'hides nuts for the winter'),
           ('dolphin', 'smart', 'in the sea', 'fish', 'likes to jump out of the water'), ('sheep', 'gentle', 'on farms and hills', 'grass', 'gives us wool'),
           ('camel', 'tall', 'in the desert', 'dry plants', 'can go a long time without water'), ('turtle', 'slow', 'in the sea and on land', 'plants and small animals', 'carries its house on its back')]

def _animal(rng, a):
    name, size, home, food, trait = a
    art = 'An' if name[0] in 'aeiou' else 'A'
    s = [rng.choice([f'{art} {name} is a {size} animal.', f'The {name} is a {size} animal.', f'Let us learn about the {name}.']),
         rng.choice([f'It lives {home}.', f'Most of them live {home}.']),
         rng.choice([f'It eats {food}.', f'Its favourite food is {food}.', f'It likes to eat {food}.']),
         rng.choice([f'The {name} {trait}.', f'Did you know that the {name} {trait}?', f'One special thing about the {name} is that it {trait}.'])]
    if rng.random() < .5: s.append(rng.choice([f'Many children like to see the {name} at the zoo.', f'The {name} is one of my favourite animals.',
                                              f'If you see a {name}, be quiet and watch it from far away.']))
    return ' '.join(s)

DAYS_OUT = [('the beach', ['The sun was warm and the sand was soft.', 'We built a big sandcastle.', 'The waves came and went.', 'We ate ice cream by the water.']),
            ('the park', ['The grass was green and the sky was blue.', 'Children played on the swings.', 'A man walked his dog.', 'We had a picnic under a tree.']),
            ('the farm', ['We saw cows, pigs and sheep.', 'The farmer let us feed the chickens.', 'We rode in a big tractor.', 'We picked apples from the trees.']),
            ('the zoo', ['We saw lions, monkeys and a tall giraffe.', 'The monkeys jumped from tree to tree.', 'The lion was sleeping in the sun.', 'We bought a toy elephant at the shop.']),
            ('the library', ['It was quiet and full of books.', 'I found a book about space.', 'The librarian helped me find a story about a dragon.', 'I took three books home.']),
            ('the market', ['There were fruits and vegetables of every colour.', 'A woman sold fresh bread.', 'We bought red apples and yellow bananas.', 'It was busy and loud and fun.'])]

def _day_out(rng, place, bits):
    who = rng.choice(['my mom', 'my dad', 'my family', 'my grandma', 'my best friend', 'my class'])
    when = rng.choice(['Last Saturday', 'Yesterday', 'On Sunday', 'Last summer', 'One rainy morning', 'Today'])
    s = [f'{when}, I went to {place} with {who}.'] + rng.sample(bits, rng.randint(2, len(bits)))
    s.append(rng.choice(['It was a very good day.', 'I want to go back soon.', 'I was tired but happy when we went home.',
                         'It was the best day of the week.']))
    return ' '.join(s)

def make_corpus(rng, target=160_000):
    "Paragraphs of simple English until about `target` bytes, every kind mixed."
    paras, seen, size, facts = [], set(), 0, []
    kinds = ['story'] * 5 + ['fact'] * 3 + ['howto', 'animal', 'day']
    while size < target:
        k = rng.choice(kinds)
        if k == 'story': p = _story(rng)
        elif k == 'fact':  # every question comes round again and again: a shuffled queue, refilled when empty
            if not facts: facts = rng.sample(FACTS, len(FACTS))
            p = _fact(rng, *facts.pop())
        elif k == 'howto': p = _howto(rng, *rng.choice(HOWTO))
        elif k == 'animal': p = _animal(rng, rng.choice(ANIMALS))
        else: p = _day_out(rng, *rng.choice(DAYS_OUT))
        if p in seen: continue
        seen.add(p); paras.append(p); size += len(p.encode()) + 2
    return '\n\n'.join(paras) + '\n'

# ───────────────────────────── pairs (premise / hypothesis) ─────────────────────────────
# Every hypothesis appears twice: once after a premise that entails it and once after one that contradicts it, so the
# hypothesis alone says nothing about the label; only reading both sentences does.
PEOPLE = [('Maria', 'she'), ('Kenji', 'he'), ('Amara', 'she'), ('Lars', 'he'), ('Priya', 'she'), ('Tom', 'he'),
          ('Grace', 'she'), ('Sofia', 'she'), ('Omar', 'he'), ('Hannah', 'she'), ('Diego', 'he'), ('Mei', 'she'),
          ('Kwame', 'he'), ('Elena', 'she'), ('Noah', 'he'), ('Zara', 'she'), ('Ivan', 'he'), ('Lucy', 'she'),
          ('Ravi', 'he'), ('Nina', 'she'), ('Yusuf', 'he'), ('Ingrid', 'she'), ('Pablo', 'he'), ('Aiko', 'she')]
ACTIONS = [('bought', 'buy', ['a car', 'a bicycle', 'a laptop', 'a painting', 'a guitar', 'a camera', 'a sofa', 'a boat']),
           ('painted', 'paint', ['the kitchen', 'the fence', 'a portrait', 'the front door', 'a mural', 'the garage']),
           ('cooked', 'cook', ['dinner', 'a curry', 'pancakes', 'a fish soup', 'lunch for ten people', 'a birthday cake']),
           ('read', 'read', ['a novel', 'the report', 'a long poem', 'the contract', 'a letter from home', 'the manual']),
           ('repaired', 'repair', ['the roof', 'an old radio', 'the washing machine', 'the garden gate', 'a broken chair']),
           ('won', 'win', ['the race', 'a chess tournament', 'a cooking contest', 'a scholarship', 'the quiz night']),
           ('visited', 'visit', ['the museum', 'an old friend', 'the zoo', 'the castle', 'the science fair']),
           ('wrote', 'write', ['a song', 'a short story', 'a letter', 'a speech', 'a cookbook']),
           ('lost', 'lose', ['a wallet', 'the house keys', 'a phone', 'an umbrella', 'the final match']),
           ('sold', 'sell', ['the old van', 'a flat', 'some paintings', 'a piano', 'the family farm'])]
CITIES = ['Paris', 'Lisbon', 'Nairobi', 'Oslo', 'Lima', 'Seoul', 'Cairo', 'Dublin', 'Hanoi', 'Quito', 'Madrid',
          'Accra', 'Vienna', 'Tokyo', 'Denver', 'Perth']
PETS = ['cats', 'dogs', 'rabbits', 'goldfish', 'parrots', 'chickens', 'goats', 'horses']
NUMS = ['two', 'three', 'four', 'five', 'six', 'seven']
WHEN = ['On Monday', 'Last week', 'Yesterday', 'On Saturday morning', 'Two years ago', 'Last spring', 'On Friday evening',
        'Earlier this month']

def _act_e(P, pro, V, v, O, O2, P2, city, when):
    "Premises in which P did V O."
    return [f'{when}, {P} {V} {O} in {city}.', f'In {city}, {P} finally {V} {O}.', f'{P} {V} {O} while {P2} looked on.',
            f'After months of planning, {P} {V} {O}.', f'{P2} watched as {P} {V} {O} in {city}.',
            f'{when}, {P} went to {city} and {V} {O} there.', f'Everyone in {city} knows that {P} {V} {O}.']

def _act_c(P, pro, V, v, O, O2, P2, city, when):
    "Premises in which P did not do V O."
    return [f'{P} did not {v} {O}; {P2} did.', f'{P} never {V} {O}, although {pro} talked about it for years.',
            f'{P} wanted to {v} {O} in {city}, but in the end {pro} did not.', f'{P} {V} {O2}, not {O}.',
            f'It was {P2}, not {P}, who {V} {O}.', f'{when}, {P} nearly {V} {O} in {city}, but {pro} changed {"her" if pro == "she" else "his"} mind.']

def _pair_set(rng):
    "One hypothesis and an (entailing, contradicting) pair of premises for it."
    (P, pro), (P2, _) = rng.sample(PEOPLE, 2)
    V, v, objs = rng.choice(ACTIONS)
    O, O2 = rng.sample(objs, 2)
    city, city2 = rng.sample(CITIES, 2)
    when = rng.choice(WHEN)
    day = rng.choice(DAYS)
    kind = rng.choice(['act', 'act', 'not', 'not', 'where', 'pets', 'nopets', 'rain', 'sun'])
    args = (P, pro, V, v, O, O2, P2, city, when)
    if kind == 'act': return f'{P} {V} {O}.', rng.choice(_act_e(*args)), rng.choice(_act_c(*args))
    if kind == 'not': return f'{P} did not {v} {O}.', rng.choice(_act_c(*args)), rng.choice(_act_e(*args))
    if kind == 'where':
        e = rng.choice([f'On {day}, {P} {V} {O} in {city}.', f'{P} spent {day} in {city} with {P2}.',
                        f'{P} met {P2} for coffee in {city} on {day}.', f'On {day}, {P} gave a talk in {city}.'])
        c = rng.choice([f'{P} spent all of {day} in {city2}.', f'On {day}, {P} stayed at home in {city2} all day.',
                        f'{P} was in {city2} from morning to night on {day}.', f'On {day}, {P} gave a talk in {city2} and stayed there.'])
        return f'{P} was in {city} on {day}.', e, c
    n, m = rng.sample(NUMS, 2)
    pet, pet2 = rng.sample(PETS, 2)
    poss = 'her' if pro == 'she' else 'his'
    if kind == 'pets':
        e = rng.choice([f'{P} lives in {city} with {poss} {n} {pet}.', f'{P} has {n} {pet} and a small garden.',
                        f'{P} feeds {poss} {n} {pet} every morning before work.'])
        c = rng.choice([f'{P} lives in {city} with {poss} {m} {pet}.', f'{P} has {m} {pet} and a small garden.',
                        f'{P} has never owned {pet}.', f'{P} feeds {poss} {m} {pet} every morning before work.'])
        return f'{P} has {n} {pet}.', e, c
    if kind == 'nopets':
        e = rng.choice([f'{P} has never owned {pet}; {pro} prefers {pet2}.', f'{P} is allergic to {pet} and has never kept any.',
                        f'{P} keeps {n} {pet2} but no {pet}.'])
        c = rng.choice([f'{P} lives in {city} with {poss} {n} {pet}.', f'{P} feeds {poss} {n} {pet} every morning before work.',
                        f'{P} keeps {n} {pet} and some {pet2}.'])
        return f'{P} has no {pet}.', e, c
    wet = [f'On {day}, {P} got soaked walking through {city} in the heavy rain.', f'Rain fell on {city} all day on {day}.',
           f'On {day}, the streets of {city} were flooded after hours of rain.', f'It poured with rain in {city} on {day}, so {P} stayed inside.']
    dry = [f'It stayed dry and sunny in {city} all day on {day}.', f'On {day}, {city} had clear skies from morning to night.',
           f'{P} spent a sunny {day} in {city} without a single cloud in the sky.', f'Not a drop of rain fell in {city} on {day}.']
    if kind == 'rain': return f'It rained in {city} on {day}.', rng.choice(wet), rng.choice(dry)
    return f'The sun shone in {city} all day on {day}.', rng.choice(dry), rng.choice(wet)

def make_pairs(rng, n_sets=300):
    "2 * n_sets rows (premise, hypothesis, label): each hypothesis once entailed and once contradicted."
    rows, seen = [], set()
    while len(rows) < 2 * n_sets:
        h, e, c = _pair_set(rng)
        if h in seen or e == c: continue
        seen.add(h); rows += [(e, h, 'entailment'), (c, h, 'contradiction')]
    rng.shuffle(rows)
    return rows

def pairs_csv(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(['premise', 'hypothesis', 'label']); w.writerows(rows)
    return buf.getvalue()

# ───────────────────────────── summaries (document -> one sentence) ─────────────────────────────
# Short news items: the key facts sit in one sentence (usually, not always, the first), told in varying words;
# the rest is colour. The summary restates the key facts in one fixed plain order.
TEAMS = ['Riverside Rovers', 'Hill Town United', 'Northport City', 'Lakeside Athletic', 'Eastfield Rangers',
         'Harbour Wanderers', 'Greenvale FC', 'Stonebridge Town', 'Westbury Albion', 'Oakridge Celtic']
FIRMS = ['Northwind Logistics', 'Blue River Energy', 'Crestline Motors', 'Saffron Air', 'Meridian Health',
         'Kestrel Software', 'Acme Foods', 'Sunfield Solar', 'Lotus Textiles', 'Nordic Rail']
PRODUCTS = ['factory', 'warehouse', 'research centre', 'office', 'training school', 'bakery']
ANIMALS_SCI = [('crows', 'use simple tools'), ('octopuses', 'solve puzzles'), ('honeybees', 'count to four'),
               ('dolphins', 'call each other by name'), ('goats', 'read human faces'), ('rats', 'laugh when tickled'),
               ('fruit bats', 'remember voices'), ('pigeons', 'recognise paintings')]
UNIS = ['Lakeside University', 'the University of Northport', 'Greenvale College', 'the Kestrel Institute']
WEATHER = [('heavy snow', 'closed schools'), ('strong winds', 'cut power to thousands of homes'),
           ('floods', 'closed the main road'), ('a heatwave', 'broke the temperature record'), ('thick fog', 'delayed flights')]
PRIZES = ['a national poetry prize', 'the city baking contest', 'a science award', 'a chess championship', 'a film prize']
JOBS = ['teacher', 'nurse', 'bus driver', 'student', 'farmer', 'librarian', 'engineer', 'chef']
FANS = ['three thousand', 'five thousand', 'ten thousand', 'twelve thousand']

def _sport(rng):
    a, b = rng.sample(TEAMS, 2); city, day = rng.choice(CITIES), rng.choice(DAYS)
    x, y = rng.randint(1, 5), 0; y = rng.randint(0, x - 1)
    (p, _), (c, _) = rng.sample(PEOPLE, 2)
    key = rng.choice([f'{a} beat {b} {x}-{y} in {city} on {day}.', f'On {day}, {a} won {x}-{y} against {b} in {city}.',
                      f'{b} lost {x}-{y} to {a} in {city} on {day}.', f'In {city} on {day}, {a} defeated {b} {x}-{y}.'])
    rest = [f'{p} scored twice for {a}.', f'About {rng.choice(FANS)} fans watched the match.',
            f'The {b} coach, {c}, said his players looked tired.', f'It was the first win for {a} this month.',
            'Rain fell for most of the second half.', f'The two teams meet again in {rng.choice(MONTHS)}.',
            f'{b} had a goal ruled out before half-time.']
    return key, rest, f'{a} beat {b} {x}-{y} in {city}.'

def _firm(rng):
    f, what, city = rng.choice(FIRMS), rng.choice(PRODUCTS), rng.choice(CITIES)
    n = rng.choice([50, 80, 120, 200, 300, 450, 600])
    (p, _), = rng.sample(PEOPLE, 1)
    key = rng.choice([f'{f} will open a new {what} in {city}, creating {n} jobs.', f'{f} plans to build a {what} in {city} that will employ {n} people.',
                      f'A new {what} run by {f} is coming to {city}, with {n} new jobs.', f'In {city}, {f} is opening a {what} that will bring {n} jobs.'])
    rest = [f'Work on the site starts in {rng.choice(MONTHS)}.', f'The company chief, {p}, said the town was a natural choice.',
            'Local shops hope the new workers will bring more trade.', f'The {what} should be ready within two years.',
            'Some neighbours worry about more traffic on the roads.', f'{f} already employs staff in three other cities.']
    return key, rest, f'{f} will open a {what} in {city} with {n} jobs.'

def _science(rng):
    an, can = rng.choice(ANIMALS_SCI); uni = rng.choice(UNIS); (p, pro), = rng.sample(PEOPLE, 1)
    key = rng.choice([f'Researchers at {uni} have found that {an} can {can}.', f'A study from {uni} shows that {an} can {can}.',
                      f'{an.capitalize()} can {can}, according to scientists at {uni}.', f'Scientists at {uni} say that {an} can {can}.'])
    rest = [f'The team watched the animals for {rng.choice(NUMS)} years.', f'{p}, who led the study, said {pro} was surprised by the results.',
            'The work was published this week.', 'Other scientists want to repeat the tests.', 'The animals were not harmed in the tests.',
            f'The study began in {rng.choice(MONTHS)} {rng.randint(2015, 2022)}.']
    return key, rest, f'Scientists at {uni} found that {an} can {can}.'

def _weather(rng):
    (w, did), city, day = rng.choice(WEATHER), rng.choice(CITIES), rng.choice(DAYS)
    key = rng.choice([f'{w.capitalize()} {did} in {city} on {day}.', f'On {day}, {w} {did} in {city}.',
                      f'In {city}, {w} {did} on {day}.'])
    rest = ['Officials asked people to stay at home if they could.', 'The weather should improve by the weekend.',
            'Many shops closed early.', 'Buses ran on a reduced timetable.', 'It was the worst day of the year so far.',
            f'Volunteers helped older people in {city} with their shopping.']
    return key, rest, f'{w.capitalize()} {did} in {city}.'

def _person(rng):
    (p, pro), = rng.sample(PEOPLE, 1); job, prize, city = rng.choice(JOBS), rng.choice(PRIZES), rng.choice(CITIES)
    age = rng.randint(19, 78)
    key = rng.choice([f'{p}, a {age}-year-old {job} from {city}, has won {prize}.', f'{prize.capitalize()} went to {p}, a {job} from {city}.',
                      f'A {job} from {city}, {p}, has won {prize}.', f'{p} from {city}, who works as a {job}, won {prize}.'])
    rest = [f'{pro.capitalize()} said the news was a complete surprise.', f'{pro.capitalize()} has entered the contest {rng.choice(NUMS)} times.',
            f'Friends held a party for {p} on {rng.choice(DAYS)}.', f'The prize comes with a small sum of money.',
            f'{pro.capitalize()} plans to give some of it to a local school.', 'More than two hundred people took part this year.']
    return key, rest, f'{p}, a {job} from {city}, won {prize}.'

def make_summaries(rng, n=400):
    "n (document, summary) rows: 3-6 sentences each, the key sentence first most of the time."
    kinds, rows, seen = [_sport, _firm, _science, _weather, _person], [], set()
    while len(rows) < n:
        key, rest, summ = rng.choice(kinds)(rng)
        sents = rng.sample(rest, rng.randint(2, 5))
        sents.insert(0 if rng.random() < .7 else 1, key)
        doc = ' '.join(sents)
        if doc in seen: continue
        seen.add(doc); rows.append({'document': doc, 'summary': summ})
    return rows

def jsonl(rows): return ''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in rows)

# ───────────────────────────── qa (SQuAD layout) ─────────────────────────────
# Short biographies and match reports; each question's answer is a span of the context, recorded where it was placed.
SUBJECTS = ['music', 'chemistry', 'history', 'medicine', 'architecture', 'mathematics', 'law', 'biology']
SCHOOLS = ['Lakeside University', 'the University of Northport', 'Greenvale College', 'the Kestrel Institute',
           'Harbour Art School', 'the Royal College of Music']
WORKS = ['a book about rivers', 'a bridge over the harbour', 'a vaccine for cattle', 'a new kind of battery',
         'an opera about the sea', 'a map of the old city']

def _spans(parts):
    "Join (text, key) pieces; returns the text and {key: (answer, start)} for keyed pieces."
    text, spans = '', {}
    for piece, key in parts:
        if key: spans[key] = (piece, len(text))
        text += piece
    return text, spans

def _bio(rng):
    (p, pro), = rng.sample(PEOPLE, 1); c1, c2 = rng.sample(CITIES, 2); y1 = rng.randint(1940, 1990); y2 = y1 + rng.randint(25, 40)
    subj, school, firm, work, prize = rng.choice(SUBJECTS), rng.choice(SCHOOLS), rng.choice(FIRMS), rng.choice(WORKS), rng.choice(PRIZES)
    P, poss = pro.capitalize(), 'her' if pro == 'she' else 'his'
    parts = [(f'{p} was born in ', ''), (c1, 'born_where'), (' in ', ''), (str(y1), 'born_when'), (f'. {P} studied ', ''), (subj, 'study'),
             (' at ', ''), (school, 'school'), (f' and later worked for ', ''), (firm, 'firm'), (f'. In {y2}, {pro} became known for ', ''),
             (work, 'work'), (f'. {P} now lives in ', ''), (c2, 'lives'), (f' with {poss} {rng.choice(NUMS)} {rng.choice(PETS)}.', '')]
    qs = {'born_where': [f'Where was {p} born?', f'In which city was {p} born?'], 'born_when': [f'When was {p} born?', f'In what year was {p} born?'],
          'study': [f'What did {p} study?', f'Which subject did {p} study?'], 'school': [f'Where did {p} study {subj}?'],
          'firm': [f'Which company did {p} work for?', f'Who did {p} work for after studying?'], 'work': [f'What is {p} known for?'],
          'lives': [f'Where does {p} live now?', f'In which city does {p} live today?']}
    return parts, qs

def _match(rng):
    a, b = rng.sample(TEAMS, 2); city, day = rng.choice(CITIES), rng.choice(DAYS); (p, _), (c, _) = rng.sample(PEOPLE, 2)
    x = rng.randint(1, 5); y = rng.randint(0, x - 1); fans = rng.choice(FANS); minute = rng.randint(5, 89)
    parts = [(a, 'winner'), (' beat ', ''), (b, 'loser'), (f' {x}-{y} in ', ''), (city, 'city'), (' on ', ''), (day, 'day'),
             ('. The winning goal came from ', ''), (p, 'scorer'), (' in the ', ''), (f'{minute}th minute', 'minute'),
             ('. About ', ''), (f'{fans} fans', 'fans'), (f' watched the match, and the {b} coach, ', ''), (c, 'coach'),
             (', said his team would come back stronger.', '')]
    qs = {'winner': ['Who won the match?', f'Which team beat {b}?'], 'loser': [f'Who did {a} beat?', 'Which team lost the match?'],
          'city': ['Where was the match played?', 'In which city did the match take place?'], 'day': ['On what day was the match played?'],
          'scorer': ['Who scored the winning goal?'], 'minute': ['When was the winning goal scored?'],
          'fans': ['How many fans watched the match?'], 'coach': [f'Who is the coach of {b}?']}
    return parts, qs

def make_qa(rng, n=400):
    "n SQuAD-layout rows; two questions per context; every answer is at its recorded start."
    rows, seen = [], set()
    while len(rows) < n:
        parts, qs = rng.choice([_bio, _match])(rng)
        context, spans = _spans(parts)
        if context in seen: continue
        seen.add(context)
        for key in rng.sample(sorted(qs), 2):
            ans, start = spans[key]
            assert context[start:start + len(ans)] == ans
            rows.append({'id': f'q{len(rows):04d}', 'question': rng.choice(qs[key]), 'context': context,
                         'answers': {'text': [ans], 'answer_start': [start]}})
    return rows[:n]

# ───────────────────────────── Chinese sentiment and corpus ─────────────────────────────
# Like the English sample: aspects that praise or fault one part of the experience, an overall verdict, and the
# patterns that defeat a word list: negation (一点也不差, 并不好看), contrast (虽然…但是…), concession.
ZH = {
 '电影': dict(subj=['这部电影', '这部片子', '这部纪录片', '那部喜剧', '这部动画片', '这部续集', '那部战争片'],
   pos=['演员的表演非常自然', '剧情紧凑，节奏很好', '配乐让人难忘', '结局处理得很巧妙', '画面拍得很美', '台词写得很有味道', '主角演得特别投入', '笑点一个接一个'],
   neg=['剧情拖沓，节奏太慢', '演员的表演很僵硬', '结局莫名其妙', '特效做得很粗糙', '台词又假又尴尬', '故事讲得乱七八糟', '片长太长，中间让人犯困', '笑点全都很冷']),
 '餐厅': dict(subj=['这家餐厅', '这家小馆子', '街角那家面馆', '这家火锅店', '这家咖啡馆', '那家烧烤店', '这家早餐店'],
   pos=['菜做得很地道', '服务员热情周到', '分量很足', '上菜速度很快', '食材非常新鲜', '环境干净又安静', '汤底特别鲜美', '价格公道'],
   neg=['菜端上来已经凉了', '服务员爱理不理', '等了一个小时才上菜', '肉又老又硬', '桌子黏糊糊的', '米饭没有煮熟', '分量少得可怜', '账单算错了好几次']),
 '产品': dict(subj=['这款手机', '这副耳机', '这台笔记本电脑', '这个电水壶', '这把椅子', '这台相机', '这个背包', '这台吸尘器'],
   pos=['电池能用好几天', '做工很扎实', '安装只用了两分钟', '音质清晰饱满', '运行起来几乎没有声音', '屏幕在阳光下也看得清', '用了一年还跟新的一样', '操作简单好上手'],
   neg=['电池半天就没电了', '用了一个星期就坏了', '塑料感很强，摸起来很廉价', '按键总是卡住', '用十分钟就发烫', '说明书根本看不懂', '背带第二天就断了', '噪音大得吓人']),
 '酒店': dict(subj=['这家酒店', '我们的房间', '这家民宿', '那家度假村', '机场旁边的酒店', '山里的小旅馆'],
   pos=['床睡起来非常舒服', '房间打扫得一尘不染', '早餐种类很丰富', '阳台上的风景美极了', '位置很方便，出门就是地铁', '前台办理入住很快', '热水很足', '隔音效果很好'],
   neg=['房间里一股烟味', '空调响了一整夜', '床单上有污渍', '墙薄得像纸一样', '洗澡水一直是凉的', '前台把我们的预订弄丢了', '网络根本连不上', '早上七点就开始施工']),
 '书': dict(subj=['这本小说', '这本回忆录', '这本菜谱', '这本传记', '这本教材', '这套童话书'],
   pos=['人物写得很真实', '文字清新流畅', '让人一口气读完', '情节扣人心弦', '里面的菜谱真的能做出来', '每一章都有收获', '翻译得很到位'],
   neg=['中间部分拖得太长', '人物很单薄', '结尾写得很仓促', '文字啰嗦', '好几个菜谱根本做不成', '同一个观点翻来覆去地讲', '翻译读起来很别扭']),
 '应用': dict(subj=['这个应用', '这次更新', '这个新版本', '这款游戏', '这个记账软件', '这个学外语的软件'],
   pos=['打开速度很快', '界面简洁清爽', '多台设备同步很顺畅', '完全没有广告', '离线也能用', '开发者修问题很及时', '功能正好是我需要的'],
   neg=['一打开相机就闪退', '每隔半分钟就弹广告', '更新以后设置全没了', '特别耗电', '登录总是失败', '客服从来不回复', '存档莫名其妙地消失了']),
 '快递': dict(subj=['这家快递', '这家搬家公司', '这家银行', '客服', '这家修车店', '这家保洁公司'],
   pos=['准时上门', '价格和报价一样', '每一步都解释得很清楚', '一次就把问题解决了', '走之前还把地面打扫干净了', '一个小时内就回了电话', '包裹提前一天就到了'],
   neg=['晚到了三个小时', '最后的账单是报价的两倍', '打电话一直没人接', '第二天又坏了', '把台灯摔坏了还不承认', '包裹被扔在雨里', '让我等了五十分钟']),
}
ZH_PRED = {'pos': ['值得一看', '物有所值', '强烈推荐', '下次还会再来', '让我很满意', '超出了我的预期', '真心不错', '会推荐给朋友', '花的钱很值'],
           'neg': ['太让人失望了', '完全不值这个价', '再也不会来了', '浪费时间', '后悔选了它', '非常糟糕', '不推荐', '钱花得冤枉', '体验很差']}
ZH_NEGW = ['无聊', '难吃', '差劲', '让人失望', '糟糕', '难用', '贵', '吵']          # "不/没有 + these" reads positive
ZH_POSW = ['好看', '好吃', '好用', '值得', '划算', '舒服', '满意', '精彩']          # "不/并不 + these" reads negative
ZH_TPL = {
 'straight': {'pos': ['{S}{a}，{p}。', '{S}{a}，{b}，{p}。', '说实话，{S}{a}，{p}。', '{a}，{b}，总之{p}。'],
              'neg': ['{S}{a}，{p}。', '{S}{a}，{b}，{p}。', '说实话，{S}{a}，{p}。', '{a}，{b}，总之{p}。']},
 'negation': {'pos': ['{S}一点也不{n}，{a}。', '本来以为{S}会很{n}，结果完全不是这样，{a}。', '{S}没有让我失望，{a}。',
                      '谁说{S}{n}？{a}，一点毛病都挑不出来。', '{S}并不像网上说的那么{n}，{a}。', '对{S}我没有任何不满，{a}。'],
              'neg': ['{S}并不{w}，{a}。', '{S}一点也不{w}，{a}。', '本来以为{S}会很{w}，结果{a}。', '我很想喜欢{S}，可惜做不到，{a}。',
                      '{S}没有传说中那么{w}，{a}。', '说{S}{w}的人，大概没有真的试过，{a}。']},
 'contrast': {'pos': ['虽然{o}，{o2}，但是{a}。', '虽然{o}，但是{a}，总的来说{p}。', '{o}，{o2}，不过{a}，我还是觉得{p}。', '唯一的缺点是{o}，除此之外{a}。',
                      '{S}{o}，{o2}，但绝对不能说{q}。', '有人说{S}{o}，可我觉得{a}。'],
              'neg': ['虽然{o}，{o2}，但是{a}。', '虽然{o}，但是{a}，总的来说{p}。', '{o}，{o2}，可是{a}，我还是觉得{p}。', '唯一的优点是{o}，可惜{a}。',
                      '{S}{o}，{o2}，但说实话谈不上{q}。', '有人说{S}{o}，可我觉得{a}。']},
}

def _fill_zh(rng, kind, label):
    "One Chinese review of `label` ('pos'/'neg') from template family `kind`."
    d = ZH[rng.choice(sorted(ZH))]
    opp = 'neg' if label == 'pos' else 'pos'
    a, b = rng.sample(d[label], 2)
    o, o2 = rng.sample(d[opp], 2)
    q = rng.choice([x for x in ZH_PRED[opp] if '不' not in x])  # the opposite verdict, denied: 谈不上物有所值
    return rng.choice(ZH_TPL[kind][label]).format(S=rng.choice(d['subj']), a=a, b=b, o=o, o2=o2, q=q,
                                                   p=rng.choice(ZH_PRED[label]), n=rng.choice(ZH_NEGW), w=rng.choice(ZH_POSW))

def make_sentiment_zh(rng, per_class=400):
    "Balanced Chinese rows (text, label); mix: straight / negation / contrast."
    rows, seen = [], set()
    for label, name in (('pos', 'positive'), ('neg', 'negative')):
        n = 0
        while n < per_class:
            r = rng.random()
            t = _fill_zh(rng, 'straight' if r < .34 else 'negation' if r < .67 else 'contrast', label)
            if t in seen: continue
            seen.add(t); rows.append((t, name)); n += 1
    rng.shuffle(rows)
    return rows

ZH_NAMES = ['小明', '小红', '李华', '王芳', '张伟', '刘洋', '陈静', '赵磊', '孙丽', '周杰', '吴敏', '郑强', '林小雨', '何平']
ZH_FRIENDS = ['朋友', '同事', '妈妈', '爸爸', '奶奶', '同学', '表姐', '邻居']
ZH_TIMES = ['上个周末', '昨天晚上', '前几天', '去年夏天', '星期六下午', '国庆节的时候', '一个下雨的早上', '春节期间']
ZH_CITIES = ['北京', '上海', '杭州', '成都', '西安', '广州', '南京', '昆明', '青岛', '厦门', '武汉', '长沙']
ZH_DO = {'电影': '去电影院看了{S}', '餐厅': '去{S}吃饭', '产品': '买了{S}', '酒店': '住进了{S}', '书': '读完了{S}',
         '应用': '试用了{S}', '快递': '找了{S}'}
ZH_LIFE = ['春天来了，公园里的花都开了，很多老人在湖边散步。', '早上的地铁总是很挤，大家都低着头看手机。', '下午下了一场大雨，街上的人一下子少了很多。',
           '周末的菜市场特别热闹，卖水果的阿姨一边吆喝一边称重。', '晚饭以后，一家人坐在一起聊天，孩子在旁边写作业。', '秋天的早晨有点凉，路边的树叶慢慢变黄了。',
           '学校门口新开了一家文具店，学生们放学后都喜欢进去看看。', '冬天的夜里很冷，街边的小摊卖着热腾腾的烤红薯。', '小区里的猫每天都在同一个地方晒太阳。',
           '图书馆里很安静，只能听到翻书的声音。', '火车慢慢开出城市，窗外是一片一片的稻田。', '山上的空气很新鲜，远处的云像棉花一样。',
           '河边有人钓鱼，有人跑步，还有人在放风筝。', '超市里的人排着长队，收银员忙得满头大汗。', '夏天的晚上，广场上有很多人跳舞。']
ZH_FEEL = {'pos': ['{N}觉得这次的选择很正确。', '{N}回家以后还一直跟家人说起这件事。', '{N}打算下次带更多的人一起去。', '{N}在网上写了一条好评。'],
           'neg': ['{N}觉得这次的钱花得很冤枉。', '{N}回家以后越想越生气。', '{N}决定以后再也不去了。', '{N}在网上写了一条差评，提醒别人小心。']}

def _zh_para(rng):
    "One paragraph of Chinese prose: an experience told with its good and bad sides, or a scene from daily life."
    if rng.random() < .3: return ''.join(rng.sample(ZH_LIFE, rng.randint(3, 5)))
    dom = rng.choice(sorted(ZH)); d = ZH[dom]; N = rng.choice(ZH_NAMES); S = rng.choice(d['subj'])
    pol = rng.choice(['pos', 'neg']); opp = 'neg' if pol == 'pos' else 'pos'
    s = [f'{rng.choice(ZH_TIMES)}，{N}和{rng.choice(ZH_FRIENDS)}在{rng.choice(ZH_CITIES)}' + ZH_DO[dom].format(S=S) + '。']
    good = rng.sample(d[pol], rng.randint(2, 3))
    s += [f'{rng.choice(["一开始", "首先", "第一印象是", "他们发现"])}{good[0]}，', f'{rng.choice(["而且", "另外", "还有", "再加上"])}{good[1]}。']
    but = ["当然也有不足", "也有一点小问题", "美中不足的是", "不过"] if pol == 'pos' else ["当然也有优点", "说句公道话", "唯一的好处是", "不过"]
    if rng.random() < .6: s.append(f'{rng.choice(but)}，{rng.choice(d[opp])}。')
    if len(good) > 2: s.append(f'{rng.choice(["最让人印象深刻的是", "特别要说的是", "值得一提的是"])}{good[2]}。')
    s.append(rng.choice(ZH_FEEL[pol]).format(N=N))
    if rng.random() < .4: s.append(rng.choice(ZH_LIFE))
    return ''.join(s)

def make_corpus_zh(rng, target=150_000):
    "Paragraphs of Chinese prose until about `target` bytes (UTF-8)."
    paras, seen, size = [], set(), 0
    while size < target:
        p = _zh_para(rng)
        if p in seen: continue
        seen.add(p); paras.append(p); size += len(p.encode()) + 2
    return '\n\n'.join(paras) + '\n'

# ───────────────────────────── main ─────────────────────────────
def main(out=None):
    out = Path(out) if out else Path(__file__).resolve().parent.parent/'plmnb'/'samples'
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(0)
    files = {'sentiment.csv': sentiment_csv(make_sentiment(rng)), 'ner.conll': ner_conll(make_ner(rng)),
             'corpus.txt': make_corpus(rng)}
    # The newer files each get their own generator, so adding one never changes the bytes of another.
    files['pairs.csv'] = pairs_csv(make_pairs(random.Random(1)))
    files['summaries.jsonl'] = jsonl(make_summaries(random.Random(2)))
    files['qa.jsonl'] = jsonl(make_qa(random.Random(3)))
    files['sentiment_zh.csv'] = sentiment_csv(make_sentiment_zh(random.Random(4)))
    files['corpus_zh.txt'] = make_corpus_zh(random.Random(5))
    for name, text in files.items():
        (out/name).write_bytes(text.encode('utf-8'))
        print(f'{out/name}: {len(text.encode()):,} bytes')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=None, help='folder to write the files into (default: plmnb/samples)')
    main(ap.parse_args().out)
