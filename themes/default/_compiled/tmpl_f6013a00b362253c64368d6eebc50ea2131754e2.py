from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'index.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'tg-page tg-index'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_config = resolve('config')
    l_0_products = resolve('products')
    l_0_t = resolve('t')
    l_0_others = resolve('others')
    try:
        t_1 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_2 = environment.filters['string']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'string' found.")
    pass
    yield '<h1 class="tg-heading">'
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))
    yield '</h1>\n'
    if (undefined(name='products') if l_0_products is missing else l_0_products):
        pass
        yield '<h2>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'products'))
        yield '</h2>\n'
        for (l_1_product, l_1_langs) in context.call(environment.getattr((undefined(name='products') if l_0_products is missing else l_0_products), 'items'), _block_vars=_block_vars):
            _loop_vars = {}
            pass
            yield '<section class="tg-product">\n<h3>'
            yield escape(l_1_product)
            yield '</h3>\n<ul class="tg-index-grid">\n'
            for (l_2_code, l_2_versions) in context.call(environment.getattr(l_1_langs, 'items'), _loop_vars=_loop_vars):
                l_2_strings = resolve('strings')
                _loop_vars = {}
                pass
                yield '<li>\n<span class="tg-index-lang" lang="'
                yield escape(l_2_code)
                yield '">'
                yield escape(environment.getattr(context.call((undefined(name='strings') if l_2_strings is missing else l_2_strings), l_2_code, _loop_vars=_loop_vars), 'language_name'))
                yield '</span>\n<ul class="tg-index-versions">\n'
                for l_3_v in l_2_versions:
                    l_3_url = resolve('url')
                    _loop_vars = {}
                    pass
                    yield '<li><a href="'
                    yield escape(context.call((undefined(name='url') if l_3_url is missing else l_3_url), environment.getattr(l_3_v, 'target'), _loop_vars=_loop_vars))
                    yield '">'
                    yield escape(environment.getattr(l_3_v, 'code'))
                    yield '</a> <span class="tg-muted">'
                    yield escape(t_1(context.eval_ctx, environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'guides_count'), '{count}', t_2(environment.getattr(l_3_v, 'count'))))
                    yield '</span></li>\n'
                l_3_v = l_3_url = missing
                yield '</ul>\n</li>\n'
            l_2_code = l_2_versions = l_2_strings = missing
            yield '</ul>\n</section>\n'
        l_1_product = l_1_langs = missing
    if (undefined(name='others') if l_0_others is missing else l_0_others):
        pass
        yield '<h2>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'other_guides'))
        yield '</h2>\n<ul class="tg-guide-list">\n'
        for l_1_g in (undefined(name='others') if l_0_others is missing else l_0_others):
            l_1_url = resolve('url')
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), (environment.getattr(environment.getattr(l_1_g, 'permalink'), 'path') + '/'), _loop_vars=_loop_vars))
            yield '">'
            yield escape(environment.getattr(l_1_g, 'title'))
            yield '</a></li>\n'
        l_1_g = l_1_url = missing
        yield '</ul>\n'

blocks = {'body_class': block_body_class, 'content': block_content}
debug_info = '1=12&2=17&3=27&4=52&5=54&6=57&7=59&9=63&11=65&13=70&15=74&16=79&25=90&26=93&28=95&29=100'