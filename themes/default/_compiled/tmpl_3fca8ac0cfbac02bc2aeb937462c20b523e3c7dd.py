from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'listing.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('base.html', 'listing.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'listing.html').make_module(context.get_all(), True, {'m': l_0_m})
    context.exported_vars.discard('m')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_product = resolve('product')
    l_0_strings = resolve('strings')
    l_0_lang = resolve('lang')
    l_0_version = resolve('version')
    l_0_config = resolve('config')
    pass
    yield escape((undefined(name='product') if l_0_product is missing else l_0_product))
    yield ' · '
    yield escape(environment.getattr(context.call((undefined(name='strings') if l_0_strings is missing else l_0_strings), (undefined(name='lang') if l_0_lang is missing else l_0_lang), _block_vars=_block_vars), 'language_name'))
    yield ' · '
    yield escape((undefined(name='version') if l_0_version is missing else l_0_version))
    yield ' · '
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'tg-page tg-listing'

def block_nav(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_m = resolve('m')
    l_0_t = resolve('t')
    l_0_translations = resolve('translations')
    l_0_versions = resolve('versions')
    pass
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'site_nav'), (undefined(name='t') if l_0_t is missing else l_0_t), (undefined(name='translations') if l_0_translations is missing else l_0_translations), (undefined(name='versions') if l_0_versions is missing else l_0_versions), _block_vars=_block_vars))
    yield '\n'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_t = resolve('t')
    l_0_product = resolve('product')
    l_0_version = resolve('version')
    l_0_guides = resolve('guides')
    l_0_shared_titles = missing
    try:
        t_1 = environment.filters['groupby']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'groupby' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_4 = environment.filters['string']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'string' found.")
    pass
    yield '<p class="tg-label">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'topic_guide'))
    yield '</p>\n<h1 class="tg-heading">'
    yield escape((undefined(name='product') if l_0_product is missing else l_0_product))
    yield ' <span class="tg-muted">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'version'))
    yield ' '
    yield escape((undefined(name='version') if l_0_version is missing else l_0_version))
    yield '</span></h1>\n<p class="tg-muted">'
    yield escape(t_3(context.eval_ctx, environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'guides_count'), '{count}', t_4(t_2((undefined(name='guides') if l_0_guides is missing else l_0_guides)))))
    yield '</p>\n'
    l_0_shared_titles = []
    _block_vars['shared_titles'] = l_0_shared_titles
    for (l_1_title, l_1_same) in t_1(environment, (undefined(name='guides') if l_0_guides is missing else l_0_guides), 'title'):
        l_1__ = resolve('_')
        _loop_vars = {}
        pass
        if (t_2(l_1_same) > 1):
            pass
            l_1__ = context.call(environment.getattr((undefined(name='shared_titles') if l_0_shared_titles is missing else l_0_shared_titles), 'append'), l_1_title, _loop_vars=_loop_vars)
            _loop_vars['_'] = l_1__
    l_1_title = l_1_same = l_1__ = missing
    yield '<ul class="tg-guide-list">\n'
    for l_1_g in (undefined(name='guides') if l_0_guides is missing else l_0_guides):
        l_1_url = resolve('url')
        _loop_vars = {}
        pass
        yield '<li><a href="'
        yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), (environment.getattr(environment.getattr(l_1_g, 'permalink'), 'path') + '/'), _loop_vars=_loop_vars))
        yield '">'
        yield escape(environment.getattr(l_1_g, 'title'))
        if (environment.getattr(l_1_g, 'title') in (undefined(name='shared_titles') if l_0_shared_titles is missing else l_0_shared_titles)):
            pass
            yield ' <span class="tg-muted">('
            yield escape(environment.getattr(environment.getattr(l_1_g, 'permalink'), 'name'))
            yield ')</span>'
        yield '</a>'
        if environment.getattr(l_1_g, 'summary'):
            pass
            yield '<span class="tg-muted">'
            yield escape(environment.getattr(l_1_g, 'summary'))
            yield '</span>'
        yield '</li>\n'
    l_1_g = l_1_url = missing
    yield '</ul>\n'

blocks = {'title': block_title, 'body_class': block_body_class, 'nav': block_nav, 'content': block_content}
debug_info = '1=13&2=16&3=20&4=41&5=51&6=63&8=66&9=104&10=106&11=112&13=114&14=116&16=126&17=131'