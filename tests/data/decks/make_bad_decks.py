#!/usr/bin/env python3
# Rebuilds the test decks of this folder (see README.md): the bad ones and good-small. The two good
# images are read from missing-image/ (48x32 JPEG and 32x24 PNG gradients written once with
# stb_image_write); every bad file is derived from them or crafted here. Run from anywhere: python3 make_bad_decks.py
import json, os, shutil, struct, zlib
OUT = os.path.dirname(os.path.abspath(__file__))
GOOD_JPG = open(os.path.join(OUT, 'missing-image', 'good.jpg'), 'rb').read()
GOOD_PNG = open(os.path.join(OUT, 'missing-image', 'good.png'), 'rb').read()

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

def png_declaring(w, h):
    # A valid tiny PNG structure whose IHDR declares w x h (8-bit RGB): the pixel data is one
    # empty zlib stream, so only the header tells the size.
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + \
        chunk(b'IDAT', zlib.compress(b'')) + chunk(b'IEND', b'')

def card(cid, f, desc='Une image de test.'):
    return {'id': cid, 'file': f, 'description': desc, 'themes': ['objets']}

def deck(name, cards, files, manifest=None):
    d = os.path.join(OUT, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for f, data in files.items():
        open(os.path.join(d, f), 'wb').write(data)
    open(os.path.join(d, 'CREDITS.md'), 'w').write(
        '# Test deck\n\nImages generated for the Amorce tests (stb_image_write gradients); no licence needed.\n')
    text = manifest if manifest is not None else json.dumps(
        {'format': 1, 'id': name, 'title': 'Test ' + name, 'version': '1', 'licence': 'test data',
         'cards': cards}, ensure_ascii=False, indent=2) + '\n'
    open(os.path.join(d, 'deck.json'), 'w', encoding='utf-8').write(text)

good = {'good.jpg': GOOD_JPG, 'good.png': GOOD_PNG}
deck('missing-image', [card('bon', 'good.jpg'), card('absent', 'absent.jpg'), card('bon-png', 'good.png')], good)
deck('empty-image', [card('bon', 'good.jpg'), card('vide', 'vide.jpg')], {**good, 'vide.jpg': b''})
deck('truncated-jpeg', [card('bon', 'good.jpg'), card('coupe', 'coupe.jpg')],
     {**good, 'coupe.jpg': GOOD_JPG[:len(GOOD_JPG) * 2 // 3]})
bad_crc = bytearray(GOOD_PNG)
bad_crc[GOOD_PNG.index(b'IDAT') + 6] ^= 0x55  # one flipped byte inside the compressed pixels
deck('corrupt-file', [card('bon', 'good.jpg'), card('texte', 'texte.jpg'), card('abime', 'abime.png')],
     {**good, 'texte.jpg': b'This is a text file renamed to .jpg, not a picture.\n', 'abime.png': bytes(bad_crc)})
deck('absurd-png', [card('bon', 'good.jpg'), card('geant', 'geant.png')],
     {**good, 'geant.png': png_declaring(100000, 100000)})
deck('malformed-json', [], good, manifest='{\n  "format": 1,\n  "id": "malformed-json"\n  "title": "missing comma above",\n  "cards": []\n}\n')
deck('path-escape', [card('bon', 'good.jpg'), card('dehors', '../missing-image/good.jpg'),
                     card('absolu', '/etc/hostname')], good)
deck('duplicate-ids', [card('meme', 'good.jpg'), card('meme', 'good.png'), card('autre', 'good.png')], good)

# good-small: a small deck with no problem (deck import tests and tests/ui/09_deck_import.script),
# with per-card credits and licences, a CREDITS.md and a licence text; one image in a sub-folder.
GOOD_CREDITS = """# Jeu « Petit jeu de test » — crédits et licences

Images créées pour les tests d’Amorce (dégradés écrits avec stb_image_write).
Licence : CC0 1.0 (domaine public), texte dans `licences/CC0-1.0.txt`.

| Fichier | Auteur | Licence |
|---|---|---|
| `degrade.jpg` | Projet Amorce | CC0-1.0 |
| `images/degrade.png` | Projet Amorce | CC0-1.0 |
"""

def good_card(cid, f, desc, themes):
    return {'id': cid, 'file': f, 'description': desc, 'themes': themes, 'credit': 'Projet Amorce',
            'licence': 'CC0-1.0', 'source': 'Images de test générées pour Amorce'}

d = os.path.join(OUT, 'good-small')
shutil.rmtree(d, ignore_errors=True)
os.makedirs(os.path.join(d, 'images'))
os.makedirs(os.path.join(d, 'licences'))
open(os.path.join(d, 'degrade.jpg'), 'wb').write(GOOD_JPG)
open(os.path.join(d, 'images', 'degrade.png'), 'wb').write(GOOD_PNG)
open(os.path.join(d, 'CREDITS.md'), 'w', encoding='utf-8').write(GOOD_CREDITS)
open(os.path.join(d, 'licences', 'CC0-1.0.txt'), 'w').write(
    'CC0 1.0 Universal (public domain dedication): https://creativecommons.org/publicdomain/zero/1.0/legalcode\n')
open(os.path.join(d, 'deck.json'), 'w', encoding='utf-8').write(json.dumps(
    {'format': 1, 'id': 'petit-test', 'title': 'Petit jeu de test', 'version': '1.0',
     'licence': 'Images de test, licence CC0 1.0 (voir CREDITS.md)',
     'cards': [good_card('degrade-chaud', 'degrade.jpg', 'Un dégradé de couleurs chaudes.', ['lumière']),
               good_card('degrade-froid', 'images/degrade.png', 'Un dégradé de couleurs froides.', ['calme'])]},
    ensure_ascii=False, indent=2) + '\n')
print('rebuilt the test decks in', OUT)
