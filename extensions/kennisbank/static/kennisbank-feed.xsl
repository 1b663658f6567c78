<?xml version="1.0" encoding="utf-8"?>
<!-- A news feed (Atom) as a page for people: a browser that opens a feed shows what
     it is, how to subscribe, and its items, in Dutch. Feed readers ignore this file.
     Self-contained (no scripts, no other files) and within the site's
     Content-Security-Policy (inline styles are allowed, scripts are not). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <!-- Dutch month names, looked up by number: XSLT 1.0 has no dates. -->
  <xsl:variable name="months"
      select="'|01januari|02februari|03maart|04april|05mei|06juni|07juli|08augustus|09september|10oktober|11november|12december|'"/>

  <xsl:template match="/atom:feed">
    <xsl:variable name="self" select="atom:link[@rel='self']/@href"/>
    <xsl:variable name="page" select="atom:link[@rel='alternate']/@href"/>
    <html lang="nl">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="atom:title"/> (nieuwsfeed)</title>
        <style>
          :root { color-scheme: light dark; --tekst: #1b1b1b; --achter: #ffffff; --zacht: #4a4a4a;
                  --link: #0b4f8a; --rand: #c8c8c8; --vlak: #f2f5f8; }
          @media (prefers-color-scheme: dark) {
            :root { --tekst: #ececec; --achter: #161616; --zacht: #c4c4c4; --link: #8cc4ff;
                    --rand: #4a4a4a; --vlak: #222a33; }
          }
          body { margin: 0; background: var(--achter); color: var(--tekst);
                 font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
          main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; overflow-wrap: anywhere; }
          a { color: var(--link); text-decoration: underline; }
          a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
          .soort { margin: 0; color: var(--zacht); font-weight: 600; }
          h1 { margin: 0.25rem 0 0.5rem; font-size: 1.75rem; line-height: 1.25; }
          h2 { margin-top: 2rem; font-size: 1.3rem; }
          h3 { margin: 0; font-size: 1.1rem; line-height: 1.4; }
          .uitleg { background: var(--vlak); border: 1px solid var(--rand); border-radius: 0.5rem; padding: 0.25rem 1rem; }
          .adres { display: block; padding: 0.5rem; border: 1px solid var(--rand); border-radius: 0.25rem;
                   background: var(--achter); font-family: ui-monospace, monospace; font-size: 0.95rem; }
          ul.berichten { list-style: none; padding: 0; margin: 0; }
          ul.berichten li { border-top: 1px solid var(--rand); padding: 1rem 0; }
          .datum { margin: 0.25rem 0; color: var(--zacht); }
          .samenvatting { margin: 0.25rem 0; }
          .onderwerpen { margin: 0.25rem 0; color: var(--zacht); font-size: 0.95rem; }
        </style>
      </head>
      <body>
        <main>
          <p class="soort">Nieuwsfeed</p>
          <h1><xsl:value-of select="atom:title"/></h1>
          <p><xsl:value-of select="atom:subtitle"/>.</p>
          <section class="uitleg" aria-labelledby="wat-is-dit">
            <h2 id="wat-is-dit">Wat is dit?</h2>
            <p>
              Dit is een nieuwsfeed (Atom): een lijst van de nieuwste berichten die een
              feedlezer, zoals Feedly, Inoreader, NetNewsWire, Thunderbird of Outlook, voor u
              bijhoudt. Abonneert u zich, dan ziet u nieuwe berichten vanzelf, zonder de site
              te bezoeken.
            </p>
            <p>
              Abonneren: kopieer het adres hieronder (of uit de adresbalk van uw browser) en
              voeg het in uw feedlezer toe als nieuwe feed of nieuw abonnement.
            </p>
            <p><code class="adres"><xsl:value-of select="$self"/></code></p>
            <xsl:if test="$page">
              <p>Liever op de website? <a href="{$page}">Lees de berichten op de website</a>.</p>
            </xsl:if>
          </section>
          <section aria-labelledby="berichten">
            <h2 id="berichten">Berichten in deze feed</h2>
            <ul class="berichten">
              <xsl:apply-templates select="atom:entry"/>
            </ul>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="datum">
        <time datetime="{atom:published}">
          <xsl:call-template name="day">
            <xsl:with-param name="moment" select="atom:published"/>
          </xsl:call-template>
        </time>
      </p>
      <xsl:if test="normalize-space(atom:summary)">
        <p class="samenvatting"><xsl:value-of select="atom:summary"/></p>
      </xsl:if>
      <xsl:if test="atom:category">
        <p class="onderwerpen">
          <xsl:text>Over: </xsl:text>
          <xsl:for-each select="atom:category">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="@label"/>
          </xsl:for-each>
        </p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- '2023-05-01T00:00:00+02:00' as '1 mei 2023'. -->
  <xsl:template name="day">
    <xsl:param name="moment"/>
    <xsl:variable name="month" select="substring($moment, 6, 2)"/>
    <xsl:value-of select="number(substring($moment, 9, 2))"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring-before(substring-after($months, concat('|', $month)), '|')"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($moment, 1, 4)"/>
  </xsl:template>
</xsl:stylesheet>
