#!/bin/sh
# Regenerates the PKCS#12 test vectors with the openssl 3 CLI (3.0.x here). Run from anywhere:
#   sh libs/pki-core/src/pkcs12/testdata/make.sh
# Every .p12 uses the password in PASSWORD below unless its name says otherwise.
set -eu
cd "$(dirname "$0")"
PASSWORD=certlab-test
export OPENSSL_CONF=/dev/null
DAYS=36500
rm -f ./*.pem ./*.key ./*.p12 ./*.der

# A root, an intermediate and an RSA leaf issued by the intermediate; an EC P-256 leaf too.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key -out root.pem \
  -subj "/CN=certlab test root" -days $DAYS -addext basicConstraints=critical,CA:true 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout int.key -out int.csr \
  -subj "/CN=certlab test issuing CA" 2>/dev/null
printf 'basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n' > ca.ext
openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial -out int.pem -days $DAYS -extfile ca.ext 2>/dev/null
printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=emailProtection,clientAuth\n' > leaf.ext
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out leaf.key 2>/dev/null
openssl req -new -key leaf.key -out leaf.csr -subj "/CN=Alice Example/emailAddress=alice@example.com" 2>/dev/null
openssl x509 -req -in leaf.csr -CA int.pem -CAkey int.key -CAcreateserial -out leaf.pem -days $DAYS -extfile leaf.ext 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-leaf.key 2>/dev/null
openssl req -new -key ec-leaf.key -out ec-leaf.csr -subj "/CN=Bob Example" 2>/dev/null
openssl x509 -req -in ec-leaf.csr -CA int.pem -CAkey int.key -CAcreateserial -out ec-leaf.pem -days $DAYS -extfile leaf.ext 2>/dev/null
cat int.pem root.pem > chain.pem
rm -f ./*.csr ./*.ext ./*.srl root.key int.key

# The DER the tests compare against: PKCS#8 keys and certificates.
openssl pkcs8 -topk8 -nocrypt -in leaf.key -outform DER -out leaf.key.der
openssl pkcs8 -topk8 -nocrypt -in ec-leaf.key -outform DER -out ec-leaf.key.der
for c in leaf ec-leaf int root; do openssl x509 -in $c.pem -outform DER -out $c.der; done

EXPORT="openssl pkcs12 -export -inkey leaf.key -in leaf.pem -certfile chain.pem -name Alice -passout pass:$PASSWORD"
# OpenSSL 3 default: PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC for keys and certs, HMAC-SHA256 MAC.
$EXPORT -out default.p12
# -legacy: certs under pbeWithSHAAnd40BitRC2-CBC, key under pbeWithSHAAnd3-KeyTripleDES-CBC, SHA-1 MAC.
$EXPORT -legacy -out legacy.p12
# 3DES for both bags (PKCS#12 KDF), default MAC.
$EXPORT -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -out des3.p12
# -descert: certs under 3DES as well, the pre-OpenSSL-3 way of avoiding RC2.
$EXPORT -descert -out descert.p12
# No integrity MAC at all.
$EXPORT -nomac -out nomac.p12
# No -name and no chain: the key and leaf only.
openssl pkcs12 -export -inkey leaf.key -in leaf.pem -passout pass:$PASSWORD -out bare.p12
# EC key.
openssl pkcs12 -export -inkey ec-leaf.key -in ec-leaf.pem -certfile chain.pem -name Bob -passout pass:$PASSWORD -out ec.p12
# Certificates only: the imported-PKCS#12 flow must refuse it.
openssl pkcs12 -export -nokeys -in leaf.pem -certfile chain.pem -passout pass:$PASSWORD -out nokey.p12
# Non-ASCII password (UTF-8 on the command line, BMPString in the KDF) and an empty password.
openssl pkcs12 -export -inkey leaf.key -in leaf.pem -passout 'pass:pässwörd€' -out unicode.p12
openssl pkcs12 -export -legacy -inkey leaf.key -in leaf.pem -passout 'pass:pässwörd€' -out unicode-legacy.p12
openssl pkcs12 -export -inkey leaf.key -in leaf.pem -passout pass: -out empty-password.p12
openssl pkcs12 -export -legacy -inkey leaf.key -in leaf.pem -passout pass: -out empty-password-legacy.p12
rm -f leaf.key ec-leaf.key

# The RC2 and KDF vectors in rc2.test.ts and kdf.test.ts came from:
#   printf 'certlab rc2 interop, more than one block of text' |
#     openssl enc -rc2-40-cbc -K 0123456789 -iv 0001020304050607 -provider legacy -provider default | xxd -p
#   ... | openssl enc -rc2-cbc -K 00112233445566778899aabbccddeeff -iv 0706050403020100 -provider legacy -provider default
#   openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexpass:007100750065006500670000 \
#     -kdfopt hexsalt:05DEC959ACFF72F7 -kdfopt iter:1000 -kdfopt id:3 PKCS12KDF
