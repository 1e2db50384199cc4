from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'macros.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_leaves = l_0_switcher = l_0_site_nav = l_0_video = missing
    try:
        t_1 = environment.filters['localize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'localize' found.")
    try:
        t_2 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_3 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    def macro(l_1_t):
        t_4 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        pass
        t_4.extend((
            '<span class="tg-leaves"><span class="tg-icon tg-icon-external" aria-hidden="true"></span><span class="tg-visually-hidden"> ',
            escape(environment.getattr(l_1_t, 'opens_new_tab')),
            '</span></span>',
        ))
        return concat(t_4)
    context.exported_vars.add('leaves')
    context.vars['leaves'] = l_0_leaves = Macro(environment, macro, 'leaves', ('t',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_links, l_1_label, l_1_kind):
        t_5 = []
        if l_1_links is missing:
            l_1_links = undefined("parameter 'links' was not provided", name='links')
        if l_1_label is missing:
            l_1_label = undefined("parameter 'label' was not provided", name='label')
        if l_1_kind is missing:
            l_1_kind = undefined("parameter 'kind' was not provided", name='kind')
        pass
        if l_1_links:
            pass
            t_5.extend((
                '<nav class="tg-switch tg-switch-',
                escape(l_1_kind),
                '" aria-label="',
                escape(l_1_label),
                '">\n<span class="tg-switch-label">',
                escape(l_1_label),
                '</span>\n<ul>\n',
            ))
            for l_2_link in l_1_links:
                l_2_url = resolve('url')
                l_2_strings = resolve('strings')
                _loop_vars = {}
                pass
                if (l_1_kind == 'lang'):
                    pass
                    t_5.extend((
                        '<li><a href="',
                        escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), environment.getattr(l_2_link, 'target'), _loop_vars=_loop_vars)),
                        '" hreflang="',
                        escape(environment.getattr(l_2_link, 'code')),
                        '" lang="',
                        escape(environment.getattr(l_2_link, 'code')),
                        '"',
                    ))
                    if environment.getattr(l_2_link, 'current'):
                        pass
                        t_5.append(
                            ' aria-current="page"',
                        )
                    t_5.extend((
                        '>',
                        escape(environment.getattr(context.call((undefined(name='strings') if l_2_strings is missing else l_2_strings), environment.getattr(l_2_link, 'code'), _loop_vars=_loop_vars), 'language_name')),
                        '</a></li>\n',
                    ))
                else:
                    pass
                    t_5.extend((
                        '<li><a href="',
                        escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), environment.getattr(l_2_link, 'target'), _loop_vars=_loop_vars)),
                        '"',
                    ))
                    if environment.getattr(l_2_link, 'current'):
                        pass
                        t_5.append(
                            ' aria-current="page"',
                        )
                    t_5.extend((
                        '>',
                        escape(environment.getattr(l_2_link, 'code')),
                        '</a></li>\n',
                    ))
            l_2_link = l_2_url = l_2_strings = missing
            t_5.append(
                '</ul>\n</nav>\n',
            )
        return concat(t_5)
    context.exported_vars.add('switcher')
    context.vars['switcher'] = l_0_switcher = Macro(environment, macro, 'switcher', ('links', 'label', 'kind'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_t, l_1_translations, l_1_versions, l_1_listing, l_1_listing_label):
        t_6 = []
        l_1_url = resolve('url')
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_translations is missing:
            l_1_translations = undefined("parameter 'translations' was not provided", name='translations')
        if l_1_versions is missing:
            l_1_versions = undefined("parameter 'versions' was not provided", name='versions')
        if l_1_listing is missing:
            l_1_listing = None
        if l_1_listing_label is missing:
            l_1_listing_label = ''
        pass
        t_6.extend((
            '<header class="tg-site-nav">\n<nav class="tg-crumbs" aria-label="',
            escape(environment.getattr(l_1_t, 'all_guides')),
            '">\n<a href="',
            escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), '')),
            '">',
            escape(environment.getattr(l_1_t, 'all_guides')),
            '</a>\n',
        ))
        if l_1_listing:
            pass
            t_6.extend((
                '<span aria-hidden="true">›</span> <a href="',
                escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), l_1_listing)),
                '">',
                escape(l_1_listing_label),
                '</a>\n',
            ))
        t_6.extend((
            '</nav>\n',
            escape(context.call((undefined(name='switcher') if l_0_switcher is missing else l_0_switcher), l_1_translations, environment.getattr(l_1_t, 'languages'), 'lang')),
            '\n',
            escape(context.call((undefined(name='switcher') if l_0_switcher is missing else l_0_switcher), l_1_versions, environment.getattr(l_1_t, 'versions'), 'version')),
            '\n</header>\n',
        ))
        return concat(t_6)
    context.exported_vars.add('site_nav')
    context.vars['site_nav'] = l_0_site_nav = Macro(environment, macro, 'site_nav', ('t', 'translations', 'versions', 'listing', 'listing_label'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_v, l_1_t, l_1_level):
        t_7 = []
        l_1_href = resolve('href')
        l_1_media = resolve('media')
        l_1_url = resolve('url')
        l_1_link = l_1_thumb = missing
        if l_1_v is missing:
            l_1_v = undefined("parameter 'v' was not provided", name='v')
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        pass
        l_1_link = context.call((undefined(name='href') if l_1_href is missing else l_1_href), environment.getattr(l_1_v, 'url'))
        l_1_thumb = context.call((undefined(name='media') if l_1_media is missing else l_1_media), environment.getattr(l_1_v, 'thumbnail'))
        t_7.extend((
            '<figure class="tg-video" id="tg-line-',
            escape(environment.getattr(l_1_v, 'line')),
            '">\n',
        ))
        if (undefined(name='link') if l_1_link is missing else l_1_link):
            pass
            t_7.extend((
                '<a class="tg-video-link" href="',
                escape((undefined(name='link') if l_1_link is missing else l_1_link)),
                '" target="_blank" rel="noopener" data-tg-message=\'',
                escape(t_3(context.eval_ctx, {'action': 'videoModal', 'selector': 'topicGuide', 'payload': {'url': environment.getattr(l_1_v, 'url'), 'title': environment.getattr(l_1_v, 'title'), 'description': environment.getattr(l_1_v, 'description')}})),
                "'>\n",
            ))
        else:
            pass
            t_7.append(
                '<span class="tg-video-link">\n',
            )
        if (undefined(name='thumb') if l_1_thumb is missing else l_1_thumb):
            pass
            t_7.extend((
                '<img class="tg-thumb" src="',
                escape((undefined(name='thumb') if l_1_thumb is missing else l_1_thumb)),
                '" alt="" loading="lazy">',
            ))
        else:
            pass
            t_7.append(
                '<span class="tg-video-blank"></span>',
            )
        t_7.extend((
            '<img class="tg-play" src="',
            escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), 'assets/icons/play.svg')),
            '" alt="">\n<span class="tg-visually-hidden">',
            escape(t_2(context.eval_ctx, environment.getattr(l_1_t, 'play_video'), '{title}', (environment.getattr(l_1_v, 'title') or environment.getattr(l_1_v, 'heading')))),
        ))
        if (undefined(name='link') if l_1_link is missing else l_1_link):
            pass
            t_7.extend((
                ' ',
                escape(environment.getattr(l_1_t, 'opens_new_tab')),
            ))
        t_7.append(
            '</span>\n',
        )
        if (undefined(name='link') if l_1_link is missing else l_1_link):
            pass
            t_7.append(
                '</a>',
            )
        else:
            pass
            t_7.append(
                '</span>',
            )
        if (environment.getattr(l_1_v, 'heading') or environment.getattr(l_1_v, 'description_html')):
            pass
            t_7.append(
                '<figcaption>\n',
            )
            if environment.getattr(l_1_v, 'heading'):
                pass
                t_7.extend((
                    '<h',
                    escape(l_1_level),
                    ' class="tg-video-title">',
                    escape(environment.getattr(l_1_v, 'heading')),
                    '</h',
                    escape(l_1_level),
                    '>',
                ))
            if environment.getattr(l_1_v, 'description_html'):
                pass
                t_7.extend((
                    '<div class="tg-video-text">',
                    escape(t_1(context, environment.getattr(l_1_v, 'description_html'))),
                    '</div>',
                ))
            t_7.append(
                '</figcaption>\n',
            )
        t_7.append(
            '</figure>\n',
        )
        return concat(t_7)
    context.exported_vars.add('video')
    context.vars['video'] = l_0_video = Macro(environment, macro, 'video', ('v', 't', 'level'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=30&4=44&5=53&6=57&7=61&9=64&10=69&11=73&13=94&21=115&23=131&24=133&25=138&26=142&29=149&30=151&34=158&35=171&36=172&37=175&38=178&39=182&43=192&44=206&45=208&46=219&47=229&49=234&50=245'